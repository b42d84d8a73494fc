import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { TemporalConnectionEnvironment, validateEnvironment } from '@sss/config';
import { temporalConnectionOptions } from '@sss/temporal';
import { httpClient, tokenFor } from './http';
import { startProduct, Product } from './product';
import { makeCertificates, startMtlsProxy } from './tls-proxy';
import { KAMAKURA, USERS } from './users';

/**
 * The API and the worker reach Temporal over mTLS with a private CA and a server name that is
 * not the address' host, configured only through their settings. The dev server has no TLS, so
 * an mTLS-terminating proxy stands in for a frontend that requires client certificates.
 */
const SERVER_NAME = 'temporal.internal';
let file: (name: string) => string;
let proxy: Awaited<ReturnType<typeof startMtlsProxy>>;
let product: Product | undefined;

beforeAll(async () => {
  file = makeCertificates(path.join(process.env.E2E_DIR ?? '', `tls-${randomUUID()}`), SERVER_NAME);
  proxy = await startMtlsProxy(file, process.env.E2E_TEMPORAL_ADDRESS ?? '');
});
afterAll(async () => {
  await product?.stop();
  await proxy?.close();
});

const settings = (client: 'client' | 'stranger' | 'none') => ({
  TEMPORAL_ADDRESS: proxy.address,
  TEMPORAL_TLS_SERVER_CA_FILE: file('ca.pem'),
  TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
  ...(client === 'none'
    ? {}
    : {
        TEMPORAL_TLS_CLIENT_CERT_FILE: file(`${client}.pem`),
        TEMPORAL_TLS_CLIENT_KEY_FILE: file(`${client}.key`),
      }),
});

async function reaches(raw: Record<string, string>): Promise<boolean> {
  const options = temporalConnectionOptions(
    validateEnvironment(TemporalConnectionEnvironment, raw),
  );
  try {
    const connection = await Connection.connect({ ...options, connectTimeout: 3000 });
    try {
      await connection.withDeadline(Date.now() + 3000, () =>
        connection.workflowService.getSystemInfo({}),
      );
      return true;
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}

it('refuses a client without a certificate of the CA', async () => {
  expect(await reaches(settings('none'))).toBe(false);
  expect(await reaches(settings('stranger'))).toBe(false);
  expect(
    await reaches({ ...settings('client'), TEMPORAL_TLS_SERVER_NAME: 'elsewhere.internal' }),
  ).toBe(false);
  expect(await reaches(settings('client'))).toBe(true);
});

it('runs a case with the API and the worker both on mTLS', async () => {
  product = await startProduct(`e2e-${randomUUID()}`, settings('client'));
  const res = await httpClient(product.baseUrl).post(
    '/v1/cases',
    {
      id: randomUUID(),
      municipality: KAMAKURA,
      programme: 'collaboration',
      fields: ['elderly'],
      referringAgency: 'houkatsu-kamakura',
      householdName: '七里ガ浜 世帯',
    },
    await tokenFor(USERS.coordinator),
  );
  expect(res.status).toBe(201);
  expect(res.body.workflow.openTasks.length).toBeGreaterThan(0);
});
