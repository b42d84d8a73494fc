import { DEFAULT_WORKING_CALENDAR, WorkingCalendarConfig } from './working-calendar';

/**
 * A deployment's own working calendars: municipality code (or `*` for every municipality) →
 * the settings that differ from the released calendar. Read from configuration, so an office
 * that changes its hours, or a test system that must never wait for them, needs no release.
 */
export type WorkingCalendarSettings = Record<string, Partial<WorkingCalendarConfig>>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const MMDD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const KEY = /^(\d{6}|\*)$/;

const isTimeZone = (zone: unknown) => {
  try {
    return typeof zone === 'string' && !!new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
};
const isList = (value: unknown, each: (v: unknown) => boolean) =>
  Array.isArray(value) && value.every(each);

/** Each rule a setting breaks, named by where it is (`122173.officeHours.end ...`). */
function settingProblems(key: string, settings: unknown): string[] {
  if (!KEY.test(key)) return [`${key}: keys are 6-digit municipality codes or *`];
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    return [`${key} must be an object of calendar settings`];
  }
  const s = settings as Record<string, unknown>;
  const problems: string[] = [];
  const check = (field: string, ok: boolean, rule: string) => {
    if (field in s && !ok) problems.push(`${key}.${field} ${rule}`);
  };
  for (const field of Object.keys(s)) {
    if (!(field in DEFAULT_WORKING_CALENDAR)) {
      problems.push(`${key}.${field} is not a calendar setting`);
    }
  }
  check('timeZone', isTimeZone(s.timeZone), 'must be an IANA time zone');
  const hours = s.officeHours as { start?: unknown; end?: unknown } | undefined;
  check(
    'officeHours',
    typeof hours === 'object' &&
      hours !== null &&
      HHMM.test(String(hours.start)) &&
      HHMM.test(String(hours.end)) &&
      String(hours.start) < String(hours.end),
    'must be { start, end } as HH:MM (end up to 24:00), start before end',
  );
  check(
    'weekdays',
    isList(s.weekdays, (d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 7),
    'must list ISO weekdays 1 (Monday) to 7 (Sunday)',
  );
  check(
    'closures',
    isList(
      s.closures,
      (c) =>
        typeof c === 'object' &&
        c !== null &&
        MMDD.test(String((c as { from?: unknown }).from)) &&
        MMDD.test(String((c as { to?: unknown }).to)),
    ),
    'must list { from, to } as MM-DD',
  );
  check('nationalHolidays', typeof s.nationalHolidays === 'boolean', 'must be true or false');
  check(
    'closedDays',
    isList(s.closedDays, (d) => DATE.test(String(d))),
    'must list YYYY-MM-DD',
  );
  return problems;
}

/** Parses the settings, or throws naming every rule they break. */
export function parseWorkingCalendarSettings(json: string): WorkingCalendarSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('must be a JSON object');
  }
  const problems = Object.entries(parsed).flatMap(([key, s]) => settingProblems(key, s));
  if (problems.length > 0) throw new Error(problems.join('; '));
  return parsed as WorkingCalendarSettings;
}

/** The released calendar with the deployment's settings for every municipality, then its own. */
export function withSettings(
  released: WorkingCalendarConfig,
  municipality: string,
  settings: WorkingCalendarSettings,
): WorkingCalendarConfig {
  return { ...released, ...settings['*'], ...settings[municipality] };
}
