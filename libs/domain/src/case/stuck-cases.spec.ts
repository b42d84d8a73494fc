import { STUCK_CASE_NAMES, stuckCaseFilter } from './stuck-cases';

describe('stuck-case filters', () => {
  const now = Date.parse('2026-11-25T00:00:00Z');

  it('find consent waits older than the threshold, counted back from now', () => {
    expect(stuckCaseFilter('waiting_on_consent', now)).toBe(
      "ExecutionStatus = 'Running' AND CaseStage = 'consent' AND StartTime < '2026-10-26T00:00:00.000Z'",
    );
    expect(stuckCaseFilter('waiting_on_consent', now, 'P2M')).toContain(
      "StartTime < '2026-09-25T00:00:00.000Z'",
    );
  });

  it('read only search attributes of running workflows', () => {
    for (const name of STUCK_CASE_NAMES) {
      expect(stuckCaseFilter(name, now)).toMatch(/^ExecutionStatus = 'Running' AND /);
    }
    expect(stuckCaseFilter('monitoring_overdue', now)).toContain("OverdueTasks = 'monitor'");
    expect(stuckCaseFilter('activity_failing', now)).toContain('ActivityFailing = true');
    expect(stuckCaseFilter('task_failing', now)).toContain('TemporalReportedProblems IS NOT NULL');
  });
});
