import { timelineEntryOf } from './notices.activities';

describe('the notices that go into the case timeline', () => {
  const meeting = { to: 'agency_staff', elementId: 'meetingDay', agencies: ['kikan-soudan'] };

  it('records each invitation with its date, so a reschedule shows, and a call-off', () => {
    expect(timelineEntryOf({ ...meeting, kind: 'invitation' }, '2027-04-01T01:00:00.000Z')).toEqual(
      {
        event: 'meeting.invited',
        detail: { scheduledAt: '2027-04-01T01:00:00.000Z', attendees: ['kikan-soudan'] },
      },
    );
    expect(
      timelineEntryOf({ ...meeting, elementId: 'cancelled', kind: 'event_notice' }, undefined),
    ).toEqual({ event: 'meeting.called_off', detail: { attendees: ['kikan-soudan'] } });
    expect(
      timelineEntryOf(
        { ...meeting, elementId: 'cancelled', kind: 'event_notice' },
        undefined,
        'meeting@2',
      ),
    ).toEqual({ event: 'meeting.called_off', detail: { attendees: ['kikan-soudan'] } });
  });

  it('leaves out the event notices of other processes, which record their events themselves', () => {
    const lost = { kind: 'event_notice', to: 'coordinator', elementId: 'contactOverdue' } as const;
    expect(timelineEntryOf(lost, undefined, 'collaboration@3')).toBeUndefined();
  });

  it('records escalations as before, and no reminder', () => {
    expect(
      timelineEntryOf(
        { kind: 'escalation', level: 2, to: 'manager', elementId: 'monitor' },
        undefined,
      ),
    ).toEqual({ event: 'escalated', detail: { level: 2, to: 'manager', task: 'monitor' } });
    expect(timelineEntryOf({ ...meeting, kind: 'event_reminder' }, undefined)).toBeUndefined();
    expect(timelineEntryOf({ ...meeting, kind: 'reminder' }, undefined)).toBeUndefined();
  });
});
