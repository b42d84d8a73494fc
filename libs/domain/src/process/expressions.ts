import jsonLogic from 'json-logic-js';
import type { Condition } from './definition';

export type Variables = Record<string, unknown>;

/** Evaluates a JSON Logic expression over the process variables; never runs code. */
export function evaluate(expression: Condition | string | number, variables: Variables): unknown {
  if (typeof expression !== 'object' || expression === null) return expression;
  return jsonLogic.apply(expression as jsonLogic.RulesLogic, variables);
}

export function isTrue(condition: Condition, variables: Variables): boolean {
  return jsonLogic.truthy(evaluate(condition, variables));
}

/** The variable names an expression reads (`{"var": "name"}` or `{"var": "name.path"}`). */
export function variablesRead(expression: unknown): string[] {
  if (Array.isArray(expression)) return expression.flatMap(variablesRead);
  if (typeof expression !== 'object' || expression === null) return [];
  return Object.entries(expression).flatMap(([op, arg]) => {
    if (op !== 'var') return variablesRead(arg);
    const name = Array.isArray(arg) ? arg[0] : arg;
    return typeof name === 'string' && name !== '' ? [name.split('.')[0]] : [];
  });
}

export function isValidExpression(expression: unknown): boolean {
  if (typeof expression !== 'object' || expression === null) return true;
  try {
    jsonLogic.apply(expression as jsonLogic.RulesLogic, {});
    return true;
  } catch {
    return false;
  }
}
