export * from './events';
export * from './errors';
export * from './state';
export * from './evolve';
export * from './decide';
export * from './tally';
