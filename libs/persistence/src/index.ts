export * from './cases/case.entity';
export * from './data-source-options';
export * from './migrate';
