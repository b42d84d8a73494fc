import { formProblems } from './form';

describe('formProblems', () => {
  const form = {
    consent: { type: 'string' as const, required: true, enum: ['given', 'refused'] },
    note: { type: 'string' as const },
    visits: { type: 'number' as const },
  };

  it('accepts data that fits the form', () => {
    expect(formProblems(form, { consent: 'given', visits: 2 })).toEqual([]);
  });

  it('names every field that is missing, unknown or of the wrong kind', () => {
    expect(formProblems(form, { colour: 'red', visits: 'two' })).toEqual([
      'colour is not an accepted field',
      'consent is required',
      'visits must be a number',
    ]);
    expect(formProblems(form, { consent: 'maybe' })).toEqual([
      'consent must be one of given, refused',
    ]);
  });
});
