import { dueBounds, dueCounts, inDueWindow } from './due-window';

const at = (iso: string) => Date.parse(iso);

describe('due windows (Asia/Tokyo calendar days)', () => {
  // Wednesday 2 December 2026, 10:00 in Tokyo.
  const now = at('2026-12-02T10:00:00+09:00');
  const bounds = dueBounds(now);

  it('ends today at Tokyo midnight and the week at the end of the coming Sunday', () => {
    expect(new Date(bounds.endOfToday).toISOString()).toBe('2026-12-02T15:00:00.000Z');
    expect(new Date(bounds.endOfWeek).toISOString()).toBe('2026-12-06T15:00:00.000Z');
  });

  it('reads the calendar day in Tokyo, not UTC: 08:00 Tokyo is the previous UTC date', () => {
    const early = dueBounds(at('2026-12-03T08:00:00+09:00')); // 2 Dec 23:00 UTC
    expect(new Date(early.endOfToday).toISOString()).toBe('2026-12-03T15:00:00.000Z');
  });

  it('on a Sunday the week is only today', () => {
    const sunday = dueBounds(at('2026-12-06T09:00:00+09:00'));
    expect(sunday.endOfWeek).toBe(sunday.endOfToday);
  });

  it('puts a task due later today in today and the week, not overdue', () => {
    const task = { dueAt: '2026-12-02T23:59:00+09:00' };
    expect(inDueWindow(task, 'today', bounds)).toBe(true);
    expect(inDueWindow(task, 'week', bounds)).toBe(true);
    expect(inDueWindow(task, 'overdue', bounds)).toBe(false);
  });

  it('puts a task due at Tokyo midnight in the week, not today', () => {
    const task = { dueAt: '2026-12-03T00:00:00+09:00' };
    expect(inDueWindow(task, 'today', bounds)).toBe(false);
    expect(inDueWindow(task, 'week', bounds)).toBe(true);
  });

  it('leaves a task due on Monday out of this week', () => {
    expect(inDueWindow({ dueAt: '2026-12-07T00:00:00+09:00' }, 'week', bounds)).toBe(false);
    expect(inDueWindow({ dueAt: '2026-12-06T23:59:59+09:00' }, 'week', bounds)).toBe(true);
  });

  it('counts a task due earlier today, or flagged by its process, as overdue only', () => {
    const past = { dueAt: '2026-12-02T09:00:00+09:00' };
    const flagged = { dueAt: '2026-12-02T11:00:00+09:00', overdue: true };
    for (const task of [past, flagged]) {
      expect(inDueWindow(task, 'overdue', bounds)).toBe(true);
      expect(inDueWindow(task, 'today', bounds)).toBe(false);
      expect(inDueWindow(task, 'week', bounds)).toBe(false);
    }
  });

  it('puts a task without a due date in no window', () => {
    expect(dueCounts([{}, { dueAt: null }], bounds)).toEqual({ today: 0, week: 0, overdue: 0 });
  });

  it('counts each window, the week including today', () => {
    const tasks = [
      { dueAt: '2026-12-02T12:00:00+09:00' },
      { dueAt: '2026-12-05T12:00:00+09:00' },
      { dueAt: '2026-12-01T12:00:00+09:00' },
      { dueAt: '2026-12-20T12:00:00+09:00' },
    ];
    expect(dueCounts(tasks, bounds)).toEqual({ today: 1, week: 2, overdue: 1 });
  });
});
