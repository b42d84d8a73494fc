import {
  Inject,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import type http from 'node:http';
import { ApiEnvironment } from '@sss/config';
import { ApiMetrics } from './api-metrics';
import { startMetricsServer } from './metrics-server';
import { MetricsMiddleware } from './metrics.middleware';

/** Request, latency and case-action metrics, served at METRICS_ADDRESS when it is set. */
@Module({ providers: [{ provide: ApiMetrics, useFactory: () => new ApiMetrics() }] })
export class MetricsModule implements NestModule, OnModuleInit, OnApplicationShutdown {
  private server?: http.Server;

  constructor(
    @Inject(ApiEnvironment) private readonly env: ApiEnvironment,
    private readonly metrics: ApiMetrics,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsMiddleware).forRoutes('*');
  }

  async onModuleInit(): Promise<void> {
    if (this.env.METRICS_ADDRESS) {
      this.server = await startMetricsServer(this.env.METRICS_ADDRESS, this.metrics.registry);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
