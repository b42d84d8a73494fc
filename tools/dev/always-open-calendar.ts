/**
 * WORKING_CALENDARS for the demo and the end-to-end suites: every moment is a working one. They
 * run in real time and show a notice seconds after it is due, at any hour; on the released
 * calendar, an overdue notice due at night would wait for the next morning's office hours.
 */
export const ALWAYS_OPEN_CALENDARS = JSON.stringify({
  '*': {
    officeHours: { start: '00:00', end: '24:00' },
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    closures: [],
    nationalHolidays: false,
  },
});
