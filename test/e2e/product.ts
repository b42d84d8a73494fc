import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiEnvironment, validateEnvironment, WorkerEnvironment } from '@sss/config';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/configure-api';
import { CaseWorkerService } from '../../apps/worker/src/case-worker.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { ALWAYS_OPEN_CALENDARS } from '../../tools/dev/always-open-calendar';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../tools/dev/dev-issuer';
import { quietTemporalRuntime } from '../quiet-temporal-runtime';
import { e2eTemporalTls } from './raw-temporal';

export interface Product {
  baseUrl: string;
  api: INestApplication;
  /** Absent when the test runs the worker itself (as a process it can kill). */
  worker?: INestApplicationContext;
  stop(): Promise<void>;
}

/** The product's environment for the services the global setup started. */
export function e2eEnvironment(
  taskQueue: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: process.env.E2E_APP_DATABASE_URL ?? '',
    TEMPORAL_ADDRESS: process.env.E2E_TEMPORAL_ADDRESS ?? '',
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    PAYLOAD_KEYS: process.env.E2E_PAYLOAD_KEYS ?? '',
    LOG_LEVEL: 'warn',
    API_PORT: '1',
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_AUDIENCE: DEV_AUDIENCE,
    AUTH_JWKS: process.env.E2E_AUTH_JWKS ?? '',
    CODEC_CORS_ORIGINS: process.env.E2E_TEMPORAL_UI_URL ?? '',
    // The suites send hundreds of requests from one address; the limit itself is tested apart.
    RATE_LIMIT_PER_MINUTE: '100000',
    WORKING_CALENDARS: ALWAYS_OPEN_CALENDARS,
    ...e2eTemporalTls(),
    ...overrides,
  };
}

/**
 * Boots the real API and worker, configured exactly as their main.ts files do, against the real
 * Temporal dev server and PostgreSQL.
 */
export async function startProduct(
  taskQueue: string,
  overrides: Record<string, string> = {},
  { withWorker = true } = {},
): Promise<Product> {
  quietTemporalRuntime();
  const raw = e2eEnvironment(taskQueue, overrides);
  const worker = withWorker
    ? await NestFactory.createApplicationContext(
        WorkerModule.forEnvironment(validateEnvironment(WorkerEnvironment, raw)),
        { logger: false },
      )
    : undefined;
  const running = worker?.get(CaseWorkerService).run();
  const api = await NestFactory.create(
    ApiModule.forEnvironment(validateEnvironment(ApiEnvironment, raw)),
    { logger: false },
  );
  configureApi(api);
  await api.listen(0, '127.0.0.1');
  return {
    baseUrl: await api.getUrl(),
    api,
    worker,
    async stop() {
      await api.close();
      // A suite may have stopped the worker itself (to see the API without one).
      await worker?.close().catch(() => undefined);
      await running;
    },
  };
}
