import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '@sss/persistence';

/**
 * A database of the suite's own on the suites' PostgreSQL server, migrated, for a suite whose
 * assertions cover every stored case of a municipality (the lists of open tasks): the suites
 * share one database, and another suite's cases would be listed too. Returns the owner's URL
 * (to arrange and inspect) and the product's (the app role's).
 */
export async function ownDatabase(): Promise<{ url: string; appUrl: string }> {
  const owner = new URL(process.env.E2E_DATABASE_URL ?? '');
  const app = new URL(process.env.E2E_APP_DATABASE_URL ?? '');
  const name = `e2e_${randomUUID().replaceAll('-', '')}`;
  const admin = new Client({ connectionString: owner.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  owner.pathname = `/${name}`;
  app.pathname = `/${name}`;
  await runMigrations(owner.toString());
  return { url: owner.toString(), appUrl: app.toString() };
}
