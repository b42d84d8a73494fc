export * from './definition';
export * from './durations';
export * from './expressions';
export * from './form';
export * from './validate';
export * from './state';
export * from './engine';
export * from './view';
