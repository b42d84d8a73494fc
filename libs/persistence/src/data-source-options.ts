import type { DataSourceOptions } from 'typeorm';
import { CaseEntity } from './cases/case.entity';
import { CreateCases1764000000000 } from './migrations/1764000000000-CreateCases';

export const ENTITIES = [CaseEntity];
export const MIGRATIONS = [CreateCases1764000000000];

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
