export * from './cases/case.entity';
export * from './audit/audit-entry.entity';
export * from './data-source-options';
export * from './migrate';
