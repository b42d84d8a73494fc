import { WorkingCalendar } from './working-calendar';

/** Instants written in Japan time, as staff read them. */
const jst = (local: string) => Date.parse(`${local}+09:00`);
const show = (t: number) =>
  new Date(t + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('WorkingCalendar (Kamakura defaults)', () => {
  const calendar = new WorkingCalendar();

  it('knows weekdays, national holidays and the year-end closure', () => {
    expect(calendar.isWorkingDay(jst('2026-04-28T12:00'))).toBe(true); // Tuesday
    expect(calendar.isWorkingDay(jst('2026-04-29T12:00'))).toBe(false); // 昭和の日
    expect(calendar.isWorkingDay(jst('2026-05-02T12:00'))).toBe(false); // Saturday
    expect(calendar.isWorkingDay(jst('2026-05-06T12:00'))).toBe(false); // 振替休日
    expect(calendar.isWorkingDay(jst('2026-12-28T12:00'))).toBe(true);
    expect(calendar.isWorkingDay(jst('2026-12-29T12:00'))).toBe(false); // closure, a Tuesday
    expect(calendar.isWorkingDay(jst('2027-01-03T12:00'))).toBe(false);
    expect(calendar.isWorkingDay(jst('2027-01-04T12:00'))).toBe(true);
  });

  it('keeps to office hours, 08:30 to 17:15', () => {
    expect(calendar.isWorkingMoment(jst('2026-04-28T08:29'))).toBe(false);
    expect(calendar.isWorkingMoment(jst('2026-04-28T08:30'))).toBe(true);
    expect(calendar.isWorkingMoment(jst('2026-04-28T17:14'))).toBe(true);
    expect(calendar.isWorkingMoment(jst('2026-04-28T17:15'))).toBe(false);
  });

  it('finds the next working moment across Golden Week and the New Year closure', () => {
    expect(show(calendar.nextWorkingMoment(jst('2026-05-01T18:00')))).toBe('2026-05-07 08:30');
    expect(show(calendar.nextWorkingMoment(jst('2026-12-28T17:15')))).toBe('2027-01-04 08:30');
    expect(show(calendar.nextWorkingMoment(jst('2026-04-28T07:00')))).toBe('2026-04-28 08:30');
    expect(show(calendar.nextWorkingMoment(jst('2026-04-28T10:00')))).toBe('2026-04-28 10:00');
  });

  it('moves a reminder to the latest working moment before it, never later', () => {
    // Due on 2 January: three days before is 30 December, inside the closure.
    expect(show(calendar.workingMomentOnOrBefore(jst('2026-12-30T10:00')))).toBe(
      '2026-12-28 10:00',
    );
    expect(show(calendar.workingMomentOnOrBefore(jst('2027-01-02T00:00')))).toBe(
      '2026-12-28 08:30',
    );
    expect(show(calendar.workingMomentOnOrBefore(jst('2026-05-06T09:00')))).toBe(
      '2026-05-01 09:00',
    );
    expect(show(calendar.workingMomentOnOrBefore(jst('2026-04-28T20:00')))).toBe(
      '2026-04-28 17:14',
    );
    expect(show(calendar.workingMomentOnOrBefore(jst('2026-04-28T07:00')))).toBe(
      '2026-04-27 08:30',
    );
  });

  it('adds working days, skipping holidays and closures', () => {
    expect(show(calendar.addWorkingDays(jst('2026-04-28T10:00'), 2))).toBe('2026-05-01 10:00');
    expect(show(calendar.addWorkingDays(jst('2026-12-25T10:00'), 2))).toBe('2027-01-04 10:00');
    expect(show(calendar.addWorkingDays(jst('2026-05-03T20:00'), 0))).toBe('2026-05-07 17:14');
  });

  it('subtracts working days, skipping holidays and closures backwards', () => {
    // Two working days before Thursday 7 May 2026 (after Golden Week): Thu 30 Apr.
    expect(show(calendar.subtractWorkingDays(jst('2026-05-07T10:00'), 2))).toBe('2026-04-30 10:00');
    expect(show(calendar.subtractWorkingDays(jst('2027-01-04T10:00'), 1))).toBe('2026-12-28 10:00');
    expect(show(calendar.subtractWorkingDays(jst('2026-05-05T07:00'), 0))).toBe('2026-05-01 08:30');
  });
});

describe('WorkingCalendar per municipality', () => {
  it('takes other office hours, weekdays and closed days', () => {
    const calendar = new WorkingCalendar({
      timeZone: 'Asia/Tokyo',
      officeHours: { start: '09:00', end: '17:00' },
      weekdays: [1, 2, 3, 4, 5, 6],
      closures: [],
      nationalHolidays: true,
      closedDays: ['2026-05-07'],
    });
    expect(calendar.isWorkingDay(jst('2026-05-02T12:00'))).toBe(true); // Saturday opening
    expect(show(calendar.nextWorkingMoment(jst('2026-05-06T18:00')))).toBe('2026-05-08 09:00');
    expect(calendar.isWorkingDay(jst('2026-12-30T12:00'))).toBe(true);
  });
});
