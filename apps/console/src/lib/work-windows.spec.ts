import { workWindow } from './work-windows';

describe('my work in Tokyo', () => {
  // Wednesday 2 December 2026, 23:30 in Tokyo (14:30 UTC).
  const now = new Date('2026-12-02T14:30:00Z');

  it('counts a task due before Tokyo midnight as today, though UTC is still earlier', () => {
    expect(workWindow({ dueAt: '2026-12-02T14:59:00Z' }, now)).toBe('today');
    expect(workWindow({ dueAt: '2026-12-02T15:00:00Z' }, now)).toBe('week');
  });

  it('ends the week at Sunday midnight in Tokyo', () => {
    expect(workWindow({ dueAt: '2026-12-06T14:59:00Z' }, now)).toBe('week');
    expect(workWindow({ dueAt: '2026-12-06T15:00:00Z' }, now)).toBe('later');
  });

  it('takes the API’s overdue, and a due time already passed, as overdue', () => {
    expect(workWindow({ dueAt: '2026-12-09T00:00:00Z', overdue: true }, now)).toBe('overdue');
    expect(workWindow({ dueAt: '2026-12-02T14:00:00Z' }, now)).toBe('overdue');
    expect(workWindow({ dueAt: null }, now)).toBe('later');
  });
});
