import type { ValidationError } from 'class-validator';
import { controlCharacterProblem, isFreeText } from './text';

/**
 * Every string anywhere in a transformed DTO (nested DTOs and arrays included) checked for
 * control characters, each refusal naming the field's path. It runs on every DTO by way of the
 * global pipe, so no field can forget it.
 */
export function controlCharacterErrors(dto: object, path = ''): ValidationError[] {
  const errors: ValidationError[] = [];
  const visit = (value: unknown, name: string, freeText: boolean): void => {
    if (typeof value === 'string') {
      const problem = controlCharacterProblem(value, freeText);
      if (problem) {
        errors.push({
          property: name,
          value: undefined,
          constraints: { text: `${name} ${problem}` },
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${name}.${i}`, freeText));
    } else if (value !== null && typeof value === 'object') {
      errors.push(...controlCharacterErrors(value, `${name}.`));
    }
  };
  for (const [key, value] of Object.entries(dto)) {
    visit(value, `${path}${key}`, isFreeText(dto, key));
  }
  return errors;
}
