import type { FormField } from './definition';
import { isValidDuration } from './durations';

/** The problems with a user task's completion data, each naming its field; empty when valid. */
export function formProblems(
  form: Record<string, FormField> | undefined,
  data: Record<string, unknown>,
): string[] {
  const fields = form ?? {};
  const problems = Object.keys(data)
    .filter((name) => !(name in fields))
    .map((name) => `${name} is not an accepted field`);
  for (const [name, field] of Object.entries(fields)) {
    const value = data[name];
    if (value === undefined || value === null) {
      if (field.required) problems.push(`${name} is required`);
      continue;
    }
    const problem = typeProblem(field, value);
    if (problem) problems.push(`${name} ${problem}`);
  }
  return problems;
}

function typeProblem(field: FormField, value: unknown): string | undefined {
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (field.enum && !field.enum.includes(value))
        return `must be one of ${field.enum.join(', ')}`;
      return undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'must be an ISO 8601 date';
    case 'duration':
      return typeof value === 'string' && isValidDuration(value)
        ? undefined
        : 'must be an ISO 8601 duration such as P1M';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? undefined
        : 'must be a list of strings';
  }
}
