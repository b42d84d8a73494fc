import document from '../api/openapi.json';
import { ACTION_ENDPOINTS, acceptedMessageActions, actionForTask } from './task-actions';
import { buildBody, formFields, OpenApiDocument, placeRefusal, tokyoDateTime } from './task-form';

const api = document as unknown as OpenApiDocument;
const fieldsOf = (action: keyof typeof ACTION_ENDPOINTS) =>
  formFields(api, ACTION_ENDPOINTS[action].path, ACTION_ENDPOINTS[action].fixed);

describe('forms generated from the API document', () => {
  it('offers the consent task its statuses and meetings as choices, status required', () => {
    const fields = fieldsOf(actionForTask('obtainConsent')!);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['status', 'enum', true],
      ['meeting', 'enum', false],
      ['note', 'longText', false],
    ]);
    expect(fields[0].options).toEqual(['given', 'refused', 'not_yet']);
  });

  it('asks the plan for lists of agencies and ISO durations', () => {
    const fields = fieldsOf('plan');
    const kinds = Object.fromEntries(fields.map((f) => [f.name, f.kind]));
    expect(kinds).toMatchObject({
      goals: 'longText',
      agencies: 'list',
      monitoringInterval: 'duration',
      contactInterval: 'duration',
    });
  });

  it('leaves the kind of contact to the action, not to the person', () => {
    expect(fieldsOf('contact').map((f) => f.name)).toEqual(['channel', 'note']);
    const built = buildBody(fieldsOf('contact'), { channel: 'phone' }, { kind: 'contact' });
    expect(built).toEqual({ ok: true, body: { kind: 'contact', channel: 'phone' } });
  });

  it('maps every task the API routes to an endpoint the document has', () => {
    for (const task of [
      'obtainConsent',
      'assess',
      'draftPlan',
      'schedule',
      'recordOutcome',
      'planConsent',
      'monitor',
      'visit',
      'restoreContact',
    ]) {
      const action = actionForTask(task);
      expect(action).toBeDefined();
      expect(api.paths[ACTION_ENDPOINTS[action!].path]?.post).toBeDefined();
    }
    expect(actionForTask('noSuchTask')).toBeUndefined();
    expect(acceptedMessageActions(['meetingRescheduled', 'meetingCancelled'])).toEqual([
      'meeting.reschedule',
      'meeting.cancel',
    ]);
  });
});

describe('building the body', () => {
  const plan = fieldsOf('plan');

  it('names each missing required field and sends nothing', () => {
    const built = buildBody(plan, { goals: '  ' });
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(built.problems.map((p) => p.field)).toEqual([
        'goals',
        'agencies',
        'monitoringInterval',
        'contactInterval',
      ]);
      expect(built.problems.every((p) => p.problem === 'required')).toBe(true);
    }
  });

  it('splits agency lists on commas, 読点 and lines, and checks durations', () => {
    const built = buildBody(plan, {
      goals: '生活の安定',
      agencies: 'houkatsu-kamakura、 shakyo-kamakura\nhello-work',
      monitoringInterval: 'P1M',
      contactInterval: 'two months',
    });
    expect(built).toEqual({
      ok: false,
      problems: [{ field: 'contactInterval', problem: 'duration' }],
    });
    const fixed = buildBody(plan, {
      goals: '生活の安定',
      agencies: 'houkatsu-kamakura、 shakyo-kamakura\nhello-work',
      monitoringInterval: 'P1M',
      contactInterval: 'P2M',
    });
    expect(fixed.ok && fixed.body.agencies).toEqual([
      'houkatsu-kamakura',
      'shakyo-kamakura',
      'hello-work',
    ]);
  });

  it('sends a meeting time typed in Tokyo with its offset, and refuses a malformed one', () => {
    const schedule = fieldsOf('meeting.schedule');
    expect(schedule.find((f) => f.name === 'scheduledAt')?.kind).toBe('dateTime');
    const built = buildBody(schedule, { scheduledAt: '2026-12-10T10:00', attendees: 'a, b' });
    expect(built).toEqual({
      ok: true,
      body: { scheduledAt: '2026-12-10T10:00:00+09:00', attendees: ['a', 'b'] },
    });
    expect(tokyoDateTime('2026-12-10')).toBeUndefined();
  });

  it('turns choices of yes and no into booleans and numbers into numbers within range', () => {
    expect(buildBody(fieldsOf('plan_consent'), { agreed: 'false' })).toEqual({
      ok: true,
      body: { agreed: false },
    });
    const outcome = fieldsOf('meeting.outcome');
    expect(buildBody(outcome, { outcome: 'agreed', approvedPlanVersion: '0' })).toEqual({
      ok: false,
      problems: [{ field: 'approvedPlanVersion', problem: 'range' }],
    });
  });

  it('counts length in characters as the API does, not UTF-16 units', () => {
    const note = fieldsOf('monitoring').find((f) => f.name === 'note')!;
    const emoji = '😀'.repeat(note.maxLength!);
    expect(buildBody([note], { note: emoji }).ok).toBe(true);
    expect(buildBody([note], { note: `${emoji}a` })).toEqual({
      ok: false,
      problems: [{ field: 'note', problem: 'tooLong' }],
    });
  });
});

describe('placing the API refusal', () => {
  it('puts a 400 next to the field it names and a 409 as the step’s reason', () => {
    const fields = fieldsOf('consent');
    expect(
      placeRefusal(fields, ['status must be one of the following values: given, refused, not_yet']),
    ).toEqual({
      byField: { status: 'status must be one of the following values: given, refused, not_yet' },
      general: [],
    });
    const conflict = placeRefusal(fields, 'consent is not possible in the case’s step: monitor');
    expect(conflict.byField).toEqual({});
    expect(conflict.general).toHaveLength(1);
  });
});
