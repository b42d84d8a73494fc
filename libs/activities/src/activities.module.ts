import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseEntity } from '@sss/persistence';
import type { CaseActivities } from '@sss/workflows/client';
import { CaseRecordsActivities } from './case-records.activities';

@Module({
  imports: [TypeOrmModule.forFeature([CaseEntity])],
  providers: [CaseRecordsActivities],
  exports: [CaseRecordsActivities],
})
export class ActivitiesModule {}

/**
 * The activities object the worker registers: plain functions bound to injectable services, so
 * activities get dependency injection while workflows see only functions.
 */
export function bindActivities(records: CaseRecordsActivities): CaseActivities {
  return { recordReferral: records.recordReferral.bind(records) };
}
