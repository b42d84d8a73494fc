export * from './case/programme';
export * from './case/case-id';
export * from './case/case-stage';
export * from './case/referral';
export * from './case/case-actions';
export * from './access/actor';
export * from './access/access-policy';
export * from './process';
