import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { Logger, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { ConfigurationError, loadEnvironment, WorkerEnvironment } from '@sss/config';
import { ERROR_SERIALIZERS, TemporalRuntimeLogger } from '@sss/logging';
import { CaseWorkerService } from './case-worker.service';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const env = loadEnvironment(WorkerEnvironment);
  const runtimeLog = pino({ level: env.LOG_LEVEL, serializers: ERROR_SERIALIZERS });
  Runtime.install({ logger: new TemporalRuntimeLogger(runtimeLog) });
  const app = await NestFactory.createApplicationContext(WorkerModule.forEnvironment(env), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const log = await app.resolve(PinoLogger);
  log.info({ taskQueue: env.TEMPORAL_TASK_QUEUE }, 'worker started');
  try {
    await app.get(CaseWorkerService).run();
  } catch (error) {
    log.error({ err: error }, 'worker failed');
    await app.close();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError ? error.message : String(error)}\n`);
  process.exit(1);
});
