import { Connection } from '@temporalio/client';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { STUCK_CASE_NAMES, stuckCaseFilter } from '@sss/domain';

/** Overdue notices whose delivery has not gone out this long after it was queued. */
export const UNDELIVERED_AFTER_MINUTES = 15;

/**
 * Gauges read at each scrape, for the alert rules (docs/operations.md): stuck cases by kind
 * (Temporal visibility counts, the same filters as the UI's) and overdue notices not delivered by
 * channel and status. Counts over every municipality: an operator's view, no case in a label.
 */
export function registerOperatorGauges(
  registry: Registry,
  db: DataSource,
  connection: Connection,
  namespace: string,
): void {
  new Gauge({
    name: 'sss_stuck_cases',
    help: 'Running cases matching each stuck-case filter (GET /v1/cases/stuck/<name>)',
    labelNames: ['name'] as const,
    registers: [registry],
    async collect() {
      const now = Date.now();
      await Promise.all(
        STUCK_CASE_NAMES.map(async (name) => {
          const { count } = await connection.workflowService.countWorkflowExecutions({
            namespace,
            query: stuckCaseFilter(name, now),
          });
          this.set({ name }, Number(count ?? 0));
        }),
      );
    },
  });
  new Gauge({
    name: 'sss_overdue_notices_undelivered',
    help: `Overdue notices not sent on a channel ${UNDELIVERED_AFTER_MINUTES} minutes after they were queued`,
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows: { channel: string; status: string; n: number }[] = await db.query(
        `SELECT d.channel, d.status, count(*)::int AS n
           FROM deliveries d JOIN notifications n ON n.id = d.notification_id
          WHERE n.kind = 'overdue' AND d.status <> 'sent'
            AND d.created_at < now() - make_interval(mins => $1)
          GROUP BY d.channel, d.status`,
        [UNDELIVERED_AFTER_MINUTES],
      );
      this.reset();
      for (const row of rows) this.set({ channel: row.channel, status: row.status }, row.n);
    },
  });
}
