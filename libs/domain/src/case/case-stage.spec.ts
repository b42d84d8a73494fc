import { caseStageOf } from './case-stage';

describe('caseStageOf', () => {
  it('shows the innermost stage that is not a meeting', () => {
    expect(caseStageOf(['planning', 'meeting'])).toBe('planning');
    expect(caseStageOf(['monitoring'])).toBe('monitoring');
    expect(caseStageOf([])).toBeUndefined();
  });

  it('shows a handed-over case as handed over, as the list filters it, whatever the case it called', () => {
    expect(caseStageOf(['handed_over', 'planning'])).toBe('handed_over');
    expect(caseStageOf(['handed_over', 'planning', 'meeting'])).toBe('handed_over');
  });
});
