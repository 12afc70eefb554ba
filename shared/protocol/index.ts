export * from './version';
export * from './feed';
export * from './workstation';
export * from './commands';
export * from './alertInput';
