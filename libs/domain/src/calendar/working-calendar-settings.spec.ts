import { DEFAULT_WORKING_CALENDAR, WorkingCalendar } from './working-calendar';
import { parseWorkingCalendarSettings, withSettings } from './working-calendar-settings';

const jst = (local: string) => Date.parse(`${local}+09:00`);

describe('working calendar settings of a deployment', () => {
  it('layers every municipality (*) and then one municipality over the released calendar', () => {
    const settings = parseWorkingCalendarSettings(
      JSON.stringify({
        '*': { officeHours: { start: '09:00', end: '17:00' } },
        '122173': { closedDays: ['2027-06-01'], weekdays: [1, 2, 3, 4, 5, 6] },
      }),
    );
    const kashiwa = new WorkingCalendar(withSettings(DEFAULT_WORKING_CALENDAR, '122173', settings));
    const kamakura = new WorkingCalendar(
      withSettings(DEFAULT_WORKING_CALENDAR, '142042', settings),
    );
    expect(kashiwa.isWorkingMoment(jst('2027-06-05T10:00'))).toBe(true); // a Saturday
    expect(kashiwa.isWorkingDay(jst('2027-06-01T10:00'))).toBe(false);
    expect(kamakura.isWorkingMoment(jst('2027-06-05T10:00'))).toBe(false);
    expect(kamakura.isWorkingMoment(jst('2027-06-01T08:45'))).toBe(false); // opens at 09:00
    expect(kamakura.isWorkingDay(jst('2027-01-02T10:00'))).toBe(false); // closure kept
  });

  it('can keep a calendar always open (a test system must not wait for office hours)', () => {
    const open = new WorkingCalendar(
      withSettings(
        DEFAULT_WORKING_CALENDAR,
        '142042',
        parseWorkingCalendarSettings(
          JSON.stringify({
            '*': {
              officeHours: { start: '00:00', end: '24:00' },
              weekdays: [1, 2, 3, 4, 5, 6, 7],
              closures: [],
              nationalHolidays: false,
            },
          }),
        ),
      ),
    );
    for (const t of [jst('2027-01-01T00:00'), jst('2027-05-03T23:59'), jst('2027-01-02T03:00')]) {
      expect(open.isWorkingMoment(t)).toBe(true);
      expect(open.nextWorkingMoment(t)).toBe(t);
      expect(open.workingMomentOnOrBefore(t)).toBe(t);
    }
  });

  it('names every rule a setting breaks', () => {
    const problems = (value: unknown) => {
      try {
        parseWorkingCalendarSettings(JSON.stringify(value));
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problems([])).toBe('must be a JSON object');
    expect(problems({ kamakura: {} })).toBe('kamakura: keys are 6-digit municipality codes or *');
    expect(
      problems({
        '142042': {
          officeHours: { start: '17:15', end: '08:30' },
          weekdays: [0],
          timeZone: 'Japan/Kamakura',
          closures: [{ from: '12-29' }],
          nationalHolidays: 'yes',
          closedDays: ['1 June'],
          lunch: '12:00',
        },
      }).split('; '),
    ).toEqual([
      '142042.lunch is not a calendar setting',
      '142042.timeZone must be an IANA time zone',
      '142042.officeHours must be { start, end } as HH:MM (end up to 24:00), start before end',
      '142042.weekdays must list ISO weekdays 1 (Monday) to 7 (Sunday)',
      '142042.closures must list { from, to } as MM-DD',
      '142042.nationalHolidays must be true or false',
      '142042.closedDays must list YYYY-MM-DD',
    ]);
    expect(() => parseWorkingCalendarSettings('{')).toThrow('must be a JSON object');
  });
});
