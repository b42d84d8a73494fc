import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';

/** Temporal is ready when its frontend answers a cheap system-info call. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly connection: Connection,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.health.check(key);
    try {
      await this.connection.withDeadline(Date.now() + 2000, () =>
        this.connection.workflowService.getSystemInfo({}),
      );
      return indicator.up();
    } catch {
      return indicator.down({ message: 'Temporal frontend did not answer' });
    }
  }
}
