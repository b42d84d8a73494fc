import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Characters no text field takes: C0 controls, DEL and C1 controls. NUL alone made a referral
 * fail its insert forever; the others have no business in case records either.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Free text (notes, summaries) may also hold line breaks and tabs, and nothing else of these. */
const LINE_BREAK_OR_TAB = /[\t\n]/;

const FREE_TEXT = Symbol('freeText');
/** With the `u` flag a surrogate pair is one code point, so this finds only unpaired halves. */
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether the property of a DTO is free text, which may hold line breaks and tabs. */
export function isFreeText(target: object, property: string): boolean {
  const names = Reflect.getMetadata(FREE_TEXT, target) as Set<string> | undefined;
  return names?.has(property) ?? false;
}

/** Whether a request's URL holds a control character, raw or percent-encoded. */
export function urlHasControlCharacters(url: string): boolean {
  return CONTROL.test(url) || /%(0[0-9a-f]|1[0-9a-f]|7f|c2%[89][0-9a-f])/i.test(url);
}

/** Why a string of a field is refused, or null; `freeText` allows \n and \t. */
export function controlCharacterProblem(value: string, freeText: boolean): string | null {
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (!freeText && LINE_BREAK_OR_TAB.test(value)) return 'must not contain line breaks or tabs';
  return null;
}

/**
 * Length in characters as PostgreSQL counts them for `varchar(n)` (code points). JavaScript's
 * `length` counts UTF-16 units and class-validator's skips variation selectors, so 150 emoji
 * could pass a 200 check there and still not fit the column.
 */
export function characters(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

export interface TextOptions {
  /** At least this many characters (default 1: no empty strings). */
  min?: number;
  /** At most this many characters: the column's `varchar(n)`, or the API's bound for `text`. */
  max: number;
  /** Notes, summaries: may hold line breaks and tabs. */
  freeText?: boolean;
  /** The field is an array of such strings. */
  each?: boolean;
}

/**
 * The one way a DTO declares a text field: a string of `min` to `max` characters (counted as the
 * database counts them). Control characters are refused by the global input rule for every
 * string, and this decorator marks which fields are free text. Declare the field's own
 * `@ApiProperty` / `@ApiPropertyOptional` above it: it is merged over the bounds declared here.
 */
export function Text({ min = 1, max, freeText = false, each = false }: TextOptions) {
  const options: ValidationOptions = { each };
  const decorators: PropertyDecorator[] = [
    IsString(options),
    ValidateBy(
      {
        name: 'characters',
        constraints: [min, max],
        validator: {
          validate: (value) =>
            typeof value === 'string' && characters(value) >= min && characters(value) <= max,
          defaultMessage: (args) =>
            `${args?.property}${each ? ' items' : ''} must be ${min} to ${max} characters long`,
        },
      },
      options,
    ),
    ValidateBy(
      {
        name: 'notBlank',
        validator: {
          // trim() takes the ideographic space (U+3000) too: a name of only blanks names no one.
          validate: (value) => typeof value !== 'string' || min === 0 || value.trim() !== '',
          defaultMessage: (args) =>
            `${args?.property}${each ? ' items' : ''} must not be blank (spaces or U+3000 only)`,
        },
      },
      options,
    ),
    ValidateBy(
      {
        name: 'wellFormed',
        validator: {
          // An unpaired surrogate has no UTF-8 form: it would reach the column as U+FFFD, changed.
          validate: (value) => typeof value !== 'string' || !UNPAIRED_SURROGATE.test(value),
          defaultMessage: (args) =>
            `${args?.property}${each ? ' items' : ''} must be well-formed Unicode (no unpaired surrogates), as the database stores it in UTF-8`,
        },
      },
      options,
    ),
  ];
  // The bounds in the spec too (merged into the field's own @ApiProperty, which comes above).
  if (!each) decorators.push(ApiProperty({ minLength: min, maxLength: max }));
  if (freeText) {
    decorators.push((target, property) => {
      const names = new Set<string>(
        (Reflect.getMetadata(FREE_TEXT, target) as Set<string> | undefined) ?? [],
      );
      names.add(String(property));
      Reflect.defineMetadata(FREE_TEXT, names, target);
    });
  }
  return applyDecorators(...decorators);
}
