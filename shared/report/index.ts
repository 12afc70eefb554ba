/** After-action records and open-format exports (issue 7 points 4–5). Pure. */
export * from './labels';
export * from './timeline';
export * from './afterAction';
export * from './csv';
export * from './geojson';
export * from './cap';
