import document from '../api/openapi.json';
import { ACTION_ENDPOINTS, acceptedMessageActions, actionForTask } from './task-actions';
import {
  AGENCY_CODE_FIELDS,
  buildBody,
  formFields,
  OpenApiDocument,
  placeRefusal,
  tokyoDateTime,
} from './task-form';

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

  it('asks the plan for agencies chosen from the register and ISO durations', () => {
    const fields = fieldsOf('plan');
    const kinds = Object.fromEntries(fields.map((f) => [f.name, f.kind]));
    expect(kinds).toMatchObject({
      goals: 'longText',
      agencies: 'agencyList',
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

  it('sends the agencies chosen and checks durations', () => {
    const built = buildBody(plan, {
      goals: '生活の安定',
      agencies: ['houkatsu-kamakura', 'kikan-soudan'],
      monitoringInterval: 'P1M',
      contactInterval: 'two months',
    });
    expect(built).toEqual({
      ok: false,
      problems: [{ field: 'contactInterval', problem: 'duration' }],
    });
    const fixed = buildBody(plan, {
      goals: '生活の安定',
      agencies: ['houkatsu-kamakura', 'kikan-soudan'],
      monitoringInterval: 'P1M',
      contactInterval: 'P2M',
    });
    expect(fixed.ok && fixed.body.agencies).toEqual(['houkatsu-kamakura', 'kikan-soudan']);
  });

  it('splits typed lists on commas, 読点 and lines', () => {
    const list = { name: 'codes', kind: 'list' as const, required: true };
    expect(buildBody([list], { codes: 'a、 b\nc' })).toEqual({
      ok: true,
      body: { codes: ['a', 'b', 'c'] },
    });
  });

  it('sends a meeting time typed in Tokyo with its offset, and refuses a malformed one', () => {
    const schedule = fieldsOf('meeting.schedule');
    expect(schedule.find((f) => f.name === 'scheduledAt')?.kind).toBe('dateTime');
    const built = buildBody(schedule, { scheduledAt: '2026-12-10T10:00', attendees: ['a', 'b'] });
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

describe('forms of the everyday actions', () => {
  const membersPath = '/v1/cases/{id}/members/{memberId}';

  it('lets every body field that names agencies be chosen from the register, and only those', () => {
    const named = new Set<string>();
    for (const [path, methods] of Object.entries(api.paths)) {
      for (const method of ['post', 'patch'] as const) {
        if (!methods[method]) continue;
        for (const f of formFields(api, path, {}, method)) {
          const agencyCoded = /agenc/i.test(f.name) || f.name === 'attendees';
          if (agencyCoded) named.add(f.name);
          expect([f.name, f.kind.startsWith('agency')]).toEqual([f.name, agencyCoded]);
        }
      }
    }
    expect([...named].sort()).toEqual([...AGENCY_CODE_FIELDS].sort());
    const transfer = formFields(api, '/v1/cases/{id}/transfer');
    expect(transfer.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['agency', 'agency', true],
      ['reason', 'longText', true],
    ]);
  });

  it('takes a note of at most 4,000 characters, required', () => {
    const [text] = formFields(api, '/v1/cases/{id}/notes');
    expect(text).toMatchObject({ name: 'text', kind: 'longText', required: true, maxLength: 4000 });
    expect(buildBody([text], { text: ' ' })).toEqual({
      ok: false,
      problems: [{ field: 'text', problem: 'required' }],
    });
  });

  it('asks a member change for calendar dates and checks their form', () => {
    const change = formFields(api, membersPath, {}, 'patch');
    expect(change.filter((f) => f.kind === 'date').map((f) => f.name)).toEqual(['from', 'to']);
    expect(buildBody(change, { to: '2027-02-01', age: '81' })).toEqual({
      ok: true,
      body: { to: '2027-02-01', age: 81 },
    });
    expect(buildBody(change, { to: '1 Feb' })).toEqual({
      ok: false,
      problems: [{ field: 'to', problem: 'date' }],
    });
  });
});

describe('the referral’s household members', () => {
  const referral = formFields(api, '/v1/cases', { id: 'x', municipality: '142042' });
  const members = referral.find((f) => f.name === 'members')!;

  it('asks for each member as a row of name, relation, age and 本人', () => {
    expect(members.kind).toBe('rows');
    expect(members.fields!.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['name', 'text', true],
      ['relation', 'enum', true],
      ['age', 'number', false],
      ['isPerson', 'boolean', false],
    ]);
  });

  it('sends the rows as the members, and names a row’s missing field by its row', () => {
    const mother = { name: '材木座 トメ', relation: 'mother', age: '82' };
    const son = { name: '材木座 一郎', relation: 'son', isPerson: 'true' };
    const built = buildBody([members], { members: [mother, son] });
    expect(built).toEqual({
      ok: true,
      body: {
        members: [
          { name: '材木座 トメ', relation: 'mother', age: 82 },
          { name: '材木座 一郎', relation: 'son', isPerson: true },
        ],
      },
    });
    expect(buildBody([members], { members: [mother, { name: '材木座 一郎' }] })).toEqual({
      ok: false,
      problems: [{ field: 'members.1.relation', problem: 'required' }],
    });
    // No rows, no members: the referral leaves them out.
    expect(buildBody([members], { members: [] })).toEqual({ ok: true, body: {} });
  });

  it('puts the API’s refusal of a row’s field next to that field of that row', () => {
    const relation = 'members.1.relation must be one of the following values: person, father';
    expect(placeRefusal(referral, [relation, 'householdName must be shorter'])).toEqual({
      byField: { 'members.1.relation': relation, householdName: 'householdName must be shorter' },
      general: [],
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
