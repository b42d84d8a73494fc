export * from './activities.module';
export * from './case-records.activities';
export * from './notices.activities';
export * from './channels/channels';
export * from './channels/notice-channel';
export * from './delivery-outbox';
export * from './process-snapshot-store';
