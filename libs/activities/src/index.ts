export * from './activities.module';
export * from './case-records.activities';
export * from './notices.activities';
