import type { DataSourceOptions } from 'typeorm';
import { CaseEntity } from './cases/case.entity';
import { CreateCases1764000000000 } from './migrations/1764000000000-CreateCases';
import { CaseAccessAndAuditLog1764100000000 } from './migrations/1764100000000-CaseAccessAndAuditLog';
import { AuditEntryEntity } from './audit/audit-entry.entity';

export const ENTITIES = [CaseEntity, AuditEntryEntity];
export const MIGRATIONS = [CreateCases1764000000000, CaseAccessAndAuditLog1764100000000];

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
  };
}
