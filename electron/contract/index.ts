export * from './primitives';
export * from './model';
export * from './providers';
export * from './findings';
export * from './recognition';
export * from './channels';
export * from './result';
export * from './cli';
export type { Api } from './api';
