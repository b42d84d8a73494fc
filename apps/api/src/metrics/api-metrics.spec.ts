import { ApiMetrics, caseAction } from './api-metrics';

describe('ApiMetrics', () => {
  it('names case actions by the route pattern, never by the case', () => {
    expect(caseAction('/v1/cases')).toBe('refer');
    expect(caseAction('/v1/cases/:id/meeting/outcome')).toBe('meeting/outcome');
    expect(caseAction('/v1/cases/stuck/:name')).toBeUndefined();
    expect(caseAction('/v1/notifications/:id/acknowledge')).toBeUndefined();
  });

  it('counts requests and case actions by outcome, with no id in any label', async () => {
    const metrics = new ApiMetrics();
    metrics.observe('POST', '/v1/cases/:id/consent', 200, 0.02);
    metrics.observe('POST', '/v1/cases/:id/consent', 409, 0.01);
    metrics.observe('POST', '/v1/cases', 500, 0.3);
    metrics.observe('GET', undefined, 404, 0.001);
    const text = await metrics.registry.metrics();
    expect(text).toContain('sss_case_actions_total{action="consent",outcome="done"} 1');
    expect(text).toContain('sss_case_actions_total{action="consent",outcome="refused"} 1');
    expect(text).toContain('sss_case_actions_total{action="refer",outcome="failed"} 1');
    expect(text).toContain('sss_api_requests_total{route="unmatched",method="GET",status="404"} 1');
    expect(text).toMatch(
      /sss_api_request_duration_seconds_bucket\{le="0.05",route="\/v1\/cases\/:id\/consent",method="POST"\} 2/,
    );
  });
});
