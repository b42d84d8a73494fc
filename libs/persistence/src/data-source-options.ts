import type { DataSourceOptions } from 'typeorm';
import { CaseEntity } from './cases/case.entity';
import { SilentQueryLogger } from './silent-query-logger';
import { CreateCases1764000000000 } from './migrations/1764000000000-CreateCases';
import { CaseAccessAndAuditLog1764100000000 } from './migrations/1764100000000-CaseAccessAndAuditLog';
import { CaseRecords1764200000000 } from './migrations/1764200000000-CaseRecords';
import { ParticipationRecords1764300000000 } from './migrations/1764300000000-ParticipationRecords';
import { Notifications1764400000000 } from './migrations/1764400000000-Notifications';
import { NotificationChannels1764500000000 } from './migrations/1764500000000-NotificationChannels';
import { DropRedundantMunicipalityIndex1764600000000 } from './migrations/1764600000000-DropRedundantMunicipalityIndex';
import { AppRole1764710000000 } from './migrations/1764710000000-AppRole';
import { KashiwaAgencies1764820000000 } from './migrations/1764820000000-KashiwaAgencies';
import { CaseNotes1764830000000 } from './migrations/1764830000000-CaseNotes';
import { HouseholdMemberPeriods1764840000000 } from './migrations/1764840000000-HouseholdMemberPeriods';
import { CaseResponsibleAgency1764850000000 } from './migrations/1764850000000-CaseResponsibleAgency';
import { ProcessSnapshots1764860000000 } from './migrations/1764860000000-ProcessSnapshots';
import { StagedNotices1764870000000 } from './migrations/1764870000000-StagedNotices';
import { CaseNoteEntity } from './records/case-note.entity';
import { NotificationEntity } from './records/notification.entity';
import { DeliveryEntity, NotificationAddressEntity } from './records/delivery.entity';
import { AuditEntryEntity } from './audit/audit-entry.entity';
import { AgencyEntity } from './records/agency.entity';
import {
  AssessmentEntity,
  CaseEndingEntity,
  ConsentEntity,
  ContactEntity,
  MeetingEntity,
  MonitoringEntity,
  ParticipationEntity,
  PlanEntity,
  TimelineEntryEntity,
} from './records/case-records.entity';
import { HouseholdEntity, HouseholdMemberEntity } from './records/household.entity';

/** What the workflows record for a case, each table keyed by the step that wrote it. */
export const RECORD_ENTITIES = [
  ConsentEntity,
  AssessmentEntity,
  PlanEntity,
  MeetingEntity,
  MonitoringEntity,
  ContactEntity,
  CaseEndingEntity,
  ParticipationEntity,
  TimelineEntryEntity,
];

export const ENTITIES = [
  CaseEntity,
  AuditEntryEntity,
  AgencyEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  NotificationEntity,
  NotificationAddressEntity,
  DeliveryEntity,
  CaseNoteEntity,
  ...RECORD_ENTITIES,
];
export const MIGRATIONS = [
  CreateCases1764000000000,
  CaseAccessAndAuditLog1764100000000,
  CaseRecords1764200000000,
  ParticipationRecords1764300000000,
  Notifications1764400000000,
  NotificationChannels1764500000000,
  DropRedundantMunicipalityIndex1764600000000,
  AppRole1764710000000,
  KashiwaAgencies1764820000000,
  CaseNotes1764830000000,
  HouseholdMemberPeriods1764840000000,
  CaseResponsibleAgency1764850000000,
  ProcessSnapshots1764860000000,
  StagedNotices1764870000000,
];

/** Schema changes come only from reviewed migrations, never from `synchronize`. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    logger: new SilentQueryLogger(),
    // A database that does not answer (stopped, unreachable) fails a request in seconds, as a
    // 503, instead of holding it up for as long as the socket waits.
    connectTimeoutMS: 5000,
  };
}
