import { ValidateBy } from 'class-validator';

/**
 * A calendar date, `YYYY-MM-DD`, that exists: 2027-02-30 is refused rather than read as 2 March.
 * A date has no time and no zone; it is the day in Asia/Tokyo, as the office means it.
 */
export function IsCalendarDate() {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value) => {
        if (typeof value !== 'string') return false;
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
        if (!m || Number(m[1]) < 1900) return false;
        const at = new Date(`${value}T00:00:00Z`);
        return !Number.isNaN(at.getTime()) && at.getUTCDate() === Number(m[3]);
      },
      defaultMessage: (args) => `${args?.property} must be a calendar date, YYYY-MM-DD`,
    },
  });
}
