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

/**
 * Whether every operation an expression uses is one JSON Logic knows. Checked without evaluating
 * the expression: nested `reduce`s and `map`s over literal lists cost exponential time, so an
 * 800-byte condition took seconds to evaluate and a slightly longer one minutes.
 */
export function isValidExpression(expression: unknown): boolean {
  if (Array.isArray(expression)) return expression.every(isValidExpression);
  if (!jsonLogic.is_logic(expression)) return true;
  const [operation] = Object.keys(expression as object);
  return (
    isKnownOperation(operation) &&
    isValidExpression((expression as Record<string, unknown>)[operation])
  );
}

/** Asks JSON Logic itself, with no arguments, so the answer follows the library's operations. */
function isKnownOperation(operation: string): boolean {
  try {
    jsonLogic.apply({ [operation]: [] } as jsonLogic.RulesLogic, {});
    return true;
  } catch (e) {
    return !(e instanceof Error && e.message.startsWith('Unrecognized operation'));
  }
}
