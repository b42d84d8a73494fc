import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseEntity } from '@sss/persistence';
import { PROCESS_ACTIVITIES, ProcessActivities } from '@sss/workflows/process/process-activities';
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
export function bindActivities(records: CaseRecordsActivities): ProcessActivities {
  return Object.fromEntries(
    PROCESS_ACTIVITIES.map((name) => [name, records[name].bind(records)]),
  ) as ProcessActivities;
}
