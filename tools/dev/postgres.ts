import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { APP_ROLE } from '@sss/persistence';
import { Service, startService, waitFor } from './child-process';

export interface PostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  logFile: string;
}

export interface Postgres {
  /** The schema owner's connection: for migrations (and tests that inspect the database). */
  url: string;
  /** The API's and the worker's connection: a login role in the migrations' `sss_app`. */
  appUrl: string;
  service: Service;
}

const USER = 'sss';
const APP_LOGIN = 'sss_app_login';

/** The newest PostgreSQL server installed from Debian's packages. */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin/postgres')))
    : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL is not installed: run `make setup` (apt-get install postgresql)');
  }
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return path.join(root, newest, 'bin');
}

/** PostgreSQL refuses to run as root; as root we run it as Debian's `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts a PostgreSQL server on loopback with its data in `dataDir`, creating the cluster and the
 * database on first use. Local trust authentication: it listens only on 127.0.0.1.
 */
export async function startPostgres(options: PostgresOptions): Promise<Postgres> {
  const bin = postgresBinDir();
  const user = runAs();
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(options.dataDir, user.uid, user.gid);
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    execFileSync(
      path.join(bin, 'initdb'),
      ['-D', options.dataDir, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-locale'],
      { ...user, stdio: 'ignore' },
    );
  }
  const service = startService(
    'postgres',
    path.join(bin, 'postgres'),
    ['-D', options.dataDir, '-p', String(options.port), '-h', '127.0.0.1', '-k', options.dataDir],
    options.logFile,
    { ...user },
  );
  const adminUrl = `postgres://${USER}@127.0.0.1:${options.port}/postgres`;
  await waitFor(service, () => query(adminUrl, 'SELECT 1'), options.logFile);
  const exists = await query(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [
    options.database,
  ]);
  if (exists.length === 0) await query(adminUrl, `CREATE DATABASE "${options.database}"`);
  // The group role is the migrations' (they create it when missing); its login member is ours.
  await query(
    adminUrl,
    `DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN;
      END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_LOGIN}') THEN
        CREATE ROLE ${APP_LOGIN} LOGIN IN ROLE ${APP_ROLE};
      END IF;
    END $$`,
  );
  const at = `127.0.0.1:${options.port}/${options.database}`;
  return { url: `postgres://${USER}@${at}`, appUrl: `postgres://${APP_LOGIN}@${at}`, service };
}

async function query(url: string, sql: string, params: unknown[] = []): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
