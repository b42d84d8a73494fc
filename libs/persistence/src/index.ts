export * from './cases/case.entity';
export * from './audit/audit-entry.entity';
export * from './data-source-options';
export * from './migrate';
export * from './records/agency.entity';
export * from './records/household.entity';
export * from './records/case-records.entity';
export * from './records/notification.entity';
