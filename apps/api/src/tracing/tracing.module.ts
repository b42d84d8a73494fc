import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpTracingMiddleware } from './http-tracing.middleware';

/** Request spans (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; main.ts starts the provider). */
@Module({})
export class TracingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpTracingMiddleware).forRoutes('*');
  }
}
