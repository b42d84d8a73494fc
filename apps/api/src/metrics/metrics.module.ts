import {
  Inject,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import type http from 'node:http';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ApiEnvironment } from '@sss/config';
import { ApiMetrics } from './api-metrics';
import { startMetricsServer } from './metrics-server';
import { MetricsMiddleware } from './metrics.middleware';
import { registerOperatorGauges } from './operator-gauges';

/** Request, latency and case-action metrics, served at METRICS_ADDRESS when it is set. */
@Module({ providers: [{ provide: ApiMetrics, useFactory: () => new ApiMetrics() }] })
export class MetricsModule implements NestModule, OnModuleInit, OnApplicationShutdown {
  private server?: http.Server;

  constructor(
    @Inject(ApiEnvironment) private readonly env: ApiEnvironment,
    private readonly metrics: ApiMetrics,
    private readonly db: DataSource,
    private readonly connection: Connection,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsMiddleware).forRoutes('*');
  }

  async onModuleInit(): Promise<void> {
    if (this.env.METRICS_ADDRESS) {
      registerOperatorGauges(
        this.metrics.registry,
        this.db,
        this.connection,
        this.env.TEMPORAL_NAMESPACE,
      );
      this.server = await startMetricsServer(this.env.METRICS_ADDRESS, this.metrics.registry);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
