export * from './ledger';
export * from './rules';
export * from './indicators';
export * from './drill';
export * from './ranking';
export * from './periods';
