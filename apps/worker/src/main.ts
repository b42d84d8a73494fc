import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { ConfigurationError, loadEnvironment, WorkerEnvironment } from '@sss/config';
import { ERROR_SERIALIZERS } from '@sss/logging';
import { startTracing } from '@sss/temporal/tracing';
import { CaseWorkerService } from './case-worker.service';
import { startWorkerHealth } from './worker-health';
import { WorkerModule } from './worker.module';
import { installWorkerRuntime } from './worker-runtime';

async function main(): Promise<void> {
  const env = loadEnvironment(WorkerEnvironment);
  const runtimeLog = pino({ level: env.LOG_LEVEL, serializers: ERROR_SERIALIZERS });
  installWorkerRuntime(env, runtimeLog);
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    startTracing('sss-worker', env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forEnvironment(env), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const log = await app.resolve(PinoLogger);
  log.info({ taskQueue: env.TEMPORAL_TASK_QUEUE }, 'worker started');
  const worker = app.get(CaseWorkerService);
  const health = env.HEALTH_ADDRESS
    ? await startWorkerHealth(env.HEALTH_ADDRESS, () => worker.state())
    : undefined;
  try {
    await worker.run();
  } catch (error) {
    log.error({ err: error }, 'worker failed');
    await app.close();
    process.exit(1);
  } finally {
    health?.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError ? error.message : String(error)}\n`);
  process.exit(1);
});
