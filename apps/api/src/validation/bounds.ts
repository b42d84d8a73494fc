import { applyDecorators, BadRequestException, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { dateTimeProblem, meetingTimeProblem, parseDateTime } from '@sss/domain';

/** PostgreSQL's `int` (plan versions). */
export const PG_INT_MAX = 2_147_483_647;
/** Ids of `bigint` rows as JavaScript holds them exactly. */
export const ROW_ID_MAX = Number.MAX_SAFE_INTEGER;

/** An integer of a JSON body, from `min` to `max`. */
export function BoundedInt(min: number, max: number) {
  return applyDecorators(IsInt(), Min(min), Max(max));
}

/** An integer of a query string (text, converted first), from `min` to `max`. */
export function QueryInt(min: number, max: number) {
  return applyDecorators(
    Type(() => Number),
    BoundedInt(min, max),
  );
}

/** A row id as the path carries it: digits, as many as ROW_ID_MAX has at most. */
const ROW_ID_DIGITS = '^[0-9]{1,16}$';

/** A path parameter that is a row id: digits only, within what the column and JavaScript hold. */
export class ParseRowIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = new RegExp(ROW_ID_DIGITS).test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= ROW_ID_MAX)) throw new BadRequestException('id must be a row id');
    return id;
  }
}

/**
 * Declares a row-id path parameter (read with ParseRowIdPipe) in the OpenAPI document as the
 * string of digits it is: the views give `bigint` ids as strings (TypeORM reads them so), and a
 * client passes back the id it was given.
 */
export function RowIdParam(name: string, description: string) {
  return ApiParam({ name, description, schema: { type: 'string', pattern: ROW_ID_DIGITS } });
}

/** An ISO 8601 duration such as P1M or P2W (the engine checks it again). */
const DURATION =
  /^P(?!$)(\d{1,4}Y)?(\d{1,4}M)?(\d{1,4}W)?(\d{1,4}D)?(T(?=\d)(\d{1,5}H)?(\d{1,5}M)?(\d{1,5}S)?)?$/;
/** No interval of a case is longer: longer ones overflow timers and dates downstream. */
const LONGEST_DAYS = 10 * 366;

function durationDays(value: string): number | undefined {
  const m = DURATION.exec(value);
  if (!m) return undefined;
  const n = (i: number) => Number(m[i]?.slice(0, -1) ?? 0);
  return n(1) * 366 + n(2) * 31 + n(3) * 7 + n(4) + n(6) / 24 + n(7) / 1440 + n(8) / 86_400;
}

/** An ISO 8601 duration of at most ten years; `example` shows in the 400's message. */
export function IsDuration(example: string) {
  return ValidateBy({
    name: 'isDuration',
    validator: {
      validate: (value) => {
        // 32 characters: the records' interval columns.
        const days =
          typeof value === 'string' && value.length <= 32 ? durationDays(value) : undefined;
        return days !== undefined && days <= LONGEST_DAYS;
      },
      defaultMessage: (args) =>
        `${args?.property} must be an ISO 8601 duration of at most ten years, such as ${example}`,
    },
  });
}

/** A date-time by the domain's one rule (zone offset required, the date must exist). */
export function IsTimestamp() {
  return ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: (value) => parseDateTime(value) !== undefined,
      defaultMessage: (args) => dateTimeProblem(args?.property ?? 'value', args?.value) ?? '',
    },
  });
}

/** A meeting's date-time: by the same rule, and still ahead (checked on the API's clock). */
export function IsMeetingTime() {
  return ValidateBy({
    name: 'isMeetingTime',
    validator: {
      validate: (value) => meetingTimeProblem('', value, Date.now()) === null,
      defaultMessage: (args) =>
        meetingTimeProblem(args?.property ?? 'value', args?.value, Date.now()) ?? '',
    },
  });
}
