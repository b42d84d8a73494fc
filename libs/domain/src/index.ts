export * from './case/programme';
export * from './case/case-id';
export * from './case/case-stage';
export * from './case/referral';
