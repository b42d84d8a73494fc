import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { httpClient, tokenFor } from './http';
import { startProduct, Product } from './product';
import { KAMAKURA, USERS } from './users';

/**
 * The API and the worker connect as the app role the e2e setup made, as `make up` does; the
 * migrations ran as the owner. The app role changes rows, never the schema nor the audit log.
 */
let product: Product;
let app: PgClient;
let caseId: string;

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  app = new PgClient({ connectionString: process.env.E2E_APP_DATABASE_URL });
  await app.connect();
  caseId = randomUUID();
  const referral = await httpClient(product.baseUrl).post(
    '/v1/cases',
    {
      id: caseId,
      municipality: KAMAKURA,
      programme: 'collaboration',
      fields: ['elderly'],
      referringAgency: 'houkatsu-kamakura',
      householdName: '腰越 世帯',
    },
    await tokenFor(USERS.coordinator),
  );
  // The product works on the app role: the referral's records and its audit entry are written.
  expect(referral.status).toBe(201);
});
afterAll(async () => {
  await app?.end();
  await product?.stop();
});

const refusal = (sql: string) =>
  app.query(sql).then(
    () => 'allowed',
    (e: Error) => e.message,
  );

describe('the app database role', () => {
  it('is neither a superuser nor the owner of the tables', async () => {
    const { rows } = await app.query(
      `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb,
              (SELECT count(*)::int FROM pg_tables WHERE tableowner = current_user) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, owned: 0 }]);
  });

  it('cannot alter the schema', async () => {
    expect(await refusal('ALTER TABLE cases ADD COLUMN x int')).toMatch(/must be owner/);
    expect(await refusal('DROP TABLE audit_log')).toMatch(/must be owner/);
    expect(await refusal('CREATE TABLE leak (x text)')).toMatch(
      /permission denied for schema public/,
    );
  });

  it('can add to the audit log but not change or delete its rows', async () => {
    const { rows } = await app.query(
      'SELECT count(*)::int AS n FROM audit_log WHERE case_id = $1',
      [caseId],
    );
    expect(rows[0].n).toBeGreaterThan(0);
    expect(await refusal(`UPDATE audit_log SET outcome = 'denied'`)).toMatch(
      /permission denied for table audit_log/,
    );
    expect(await refusal('DELETE FROM audit_log')).toMatch(/permission denied for table audit_log/);
    expect(await refusal('TRUNCATE audit_log')).toMatch(/permission denied for table audit_log/);
  });

  it('cannot read or rewrite the migrations ledger', async () => {
    expect(await refusal('DELETE FROM migrations')).toMatch(
      /permission denied for table migrations/,
    );
  });
});
