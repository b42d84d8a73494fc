import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApiEnvironment, ConfigurationError, loadEnvironment } from '@sss/config';
import { startTracing } from '@sss/temporal/tracing';
import { ApiModule } from './api.module';
import { configureApi } from './configure-api';

async function main(): Promise<void> {
  const env = loadEnvironment(ApiEnvironment);
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    startTracing('sss-api', env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  }
  const app = await NestFactory.create(ApiModule.forEnvironment(env), { bufferLogs: true });
  configureApi(app);
  await app.listen(env.API_PORT);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError ? error.message : String(error)}\n`);
  process.exit(1);
});
