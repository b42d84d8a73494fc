/**
 * Building blocks of Temporal List Filters (visibility queries). Every value that goes into a
 * filter's text goes through `quoted`, so no value can close its literal and add a clause of its
 * own (a municipality claim `x' OR Municipality != 'x` would otherwise list every tenant's cases).
 */

/** Characters no filter value ever needs; refused rather than escaped. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A string literal for a List Filter: backslashes and quotes escaped, control characters refused. */
export function quoted(value: string): string {
  if (CONTROL.test(value)) throw new RangeError('a list filter value holds a control character');
  return `'${value.replace(/[\\'"]/g, (c) => `\\${c}`)}'`;
}

/** `Attribute = 'value'`. */
export function equals(attribute: string, value: string): string {
  return `${attribute} = ${quoted(value)}`;
}

/** `Attribute IN ('a', 'b')`; never empty, since an empty IN is not a valid filter. */
export function isIn(attribute: string, values: readonly string[]): string {
  if (values.length === 0) throw new RangeError(`${attribute} IN needs at least one value`);
  return `${attribute} IN (${values.map(quoted).join(', ')})`;
}
