import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The API's Prometheus metrics. Labels are the route's pattern (`/v1/cases/:id/consent`), the
 * method, the status and the action's outcome: never an id, a municipality or a field of a case.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'sss_api_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'sss_api_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly caseActions = new Counter({
    name: 'sss_case_actions_total',
    help: 'Case actions (referral and each step), by action and outcome: done, refused (4xx), failed (5xx)',
    labelNames: ['action', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sss_api_' });
  }

  /** Records one answered request; `route` is the matched pattern, or absent for none. */
  observe(method: string, route: string | undefined, status: number, seconds: number): void {
    const pattern = route ?? 'unmatched';
    this.requests.inc({ route: pattern, method, status: String(status) });
    this.latency.observe({ route: pattern, method }, seconds);
    const action = method === 'POST' ? caseAction(pattern) : undefined;
    if (action) this.caseActions.inc({ action, outcome: outcomeOf(status) });
  }
}

/** `refer` for POST /v1/cases, the step's path for POST /v1/cases/:id/<step>; else none. */
export function caseAction(route: string): string | undefined {
  if (route === '/v1/cases') return 'refer';
  return /^\/v1\/cases\/:id\/(.+)$/.exec(route)?.[1];
}

function outcomeOf(status: number): 'done' | 'refused' | 'failed' {
  return status >= 500 ? 'failed' : status >= 400 ? 'refused' : 'done';
}
