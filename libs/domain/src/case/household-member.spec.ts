import { isMemberOn, memberPeriodProblem } from './household-member';

describe('a household member over time', () => {
  it('refuses a period that ends before it starts, naming the field', () => {
    expect(memberPeriodProblem({ from: '2026-04-01', to: '2026-03-31' })).toBe(
      'to: must not be before from',
    );
  });

  it('takes open ends and a one-day period', () => {
    expect(memberPeriodProblem({ from: null, to: '2026-03-31' })).toBeNull();
    expect(memberPeriodProblem({ from: '2026-04-01', to: null })).toBeNull();
    expect(memberPeriodProblem({ from: '2026-04-01', to: '2026-04-01' })).toBeNull();
  });

  it('belongs to the household on the days of its period, both ends included', () => {
    const period = { from: '2026-04-01', to: '2026-04-30' };
    expect(isMemberOn(period, '2026-03-31')).toBe(false);
    expect(isMemberOn(period, '2026-04-01')).toBe(true);
    expect(isMemberOn(period, '2026-04-30')).toBe(true);
    expect(isMemberOn(period, '2026-05-01')).toBe(false);
    expect(isMemberOn({ from: null, to: null }, '1999-01-01')).toBe(true);
  });
});
