import { ProcessEngine, ProcessEvent, Step, TaskRejection } from './engine';
import type { FlowElement } from './definition';
import { DAY, definition, end, start, T0, task } from './test/builders';
import { processView } from './view';
import { WorkingCalendar } from '../calendar/working-calendar';

/** Drives an engine like the workflow does, remembering the last step. */
function run(
  def: ReturnType<typeof definition>,
  variables = {},
  calendar?: WorkingCalendar,
  options?: ConstructorParameters<typeof ProcessEngine>[2],
) {
  const engine = new ProcessEngine(def, calendar, options);
  let step: Step = engine.start(variables, T0);
  let now = T0;
  const all: Step['commands'] = [...step.commands];
  const api = {
    engine,
    get state() {
      return step.state;
    },
    commands: all,
    apply(event: ProcessEvent, at = now) {
      now = at;
      step = engine.apply(step.state, event, now);
      all.push(...step.commands);
      return api;
    },
    /** Moves the clock and fires what is due, as the workflow does when it wakes. */
    at(time: number) {
      return api.apply({ type: 'timersDue' }, time);
    },
    /** Wakes at every deadline up to `time`, as the workflow's timers would. */
    runUntil(time: number) {
      for (let t = engine.nextDeadline(step.state); t !== undefined && t <= time;) {
        api.at(t);
        t = engine.nextDeadline(step.state);
      }
      return api;
    },
    view: () => processView(engine, step.state, now),
    taskId: (elementId: string) =>
      step.state.tasks.find((t) => t.elementId === elementId)?.id ?? '',
    complete(elementId: string, data = {}) {
      return api.apply({
        type: 'taskCompleted',
        taskId: api.taskId(elementId),
        data,
        by: 'coord-1',
      });
    },
  };
  return api;
}

describe('a task whose escalation counts from its opening (lost contact)', () => {
  const lost = (escalationFrom?: 'opened') =>
    definition(
      [
        start,
        task('restore', {
          dueIn: 'P7D',
          ...(escalationFrom ? { escalationFrom } : {}),
          escalation: [
            { after: 'P1D', to: 'coordinator' },
            { after: 'P7D', to: 'manager' },
          ],
        } as Partial<FlowElement>),
        end,
      ],
      ['start->restore', 'restore->end'],
    );
  const escalations = (p: ReturnType<typeof run>) =>
    p.state.notices
      .filter((n) => n.kind === 'escalation')
      .map((n) => [n.to, Math.round((n.at - T0) / DAY)]);

  it('escalates a day and a week after the task opened, not after its due date', () => {
    expect(escalations(run(lost('opened')).at(T0 + 20 * DAY))).toEqual([
      ['coordinator', 1],
      ['manager', 7],
    ]);
    // The default stays: counted from the due date, a week later.
    expect(escalations(run(lost()).at(T0 + 20 * DAY))).toEqual([
      ['coordinator', 8],
      ['manager', 14],
    ]);
  });
});

describe('the case stage while paths run side by side', () => {
  const def = definition(
    [
      start,
      { id: 'fork', type: 'parallelGateway' },
      task('monitor', { stage: 'monitoring' }),
      task('restore', { stage: 'contact_lost' }),
      end,
    ],
    ['start->fork', 'fork->monitor', 'fork->restore', 'monitor->end', 'restore->end'],
  );

  it('is contact_lost while any path is in it, under the prevailing-stages patch', () => {
    expect(run(def, {}, undefined, { prevailingStages: true }).view().stage).toBe('contact_lost');
    // Runs started before the patch keep showing the first path's stage, as they upserted it.
    expect(run(def).view().stage).toBe('monitoring');
  });
});

/** An instant as Japan's clocks show it, to the minute. */
const jst = (t: number) => new Date(t + 9 * 3_600_000).toISOString().slice(0, 16);

describe('user task', () => {
  const def = definition(
    [
      start,
      task('assess', {
        stage: 'assessment',
        dueIn: 'P14D',
        form: { needs: { type: 'string', required: true } },
      } as Partial<FlowElement>),
      end,
    ],
    ['start->assess', 'assess->end'],
    { needs: { type: 'string' } },
  );

  it('opens with its role and due date, and completes with valid data', () => {
    const p = run(def);
    expect(p.view()).toMatchObject({
      status: 'running',
      stage: 'assessment',
      activeElements: ['assess'],
      openTasks: [
        { elementId: 'assess', role: 'coordinator', dueAt: new Date(T0 + 14 * DAY).toISOString() },
      ],
    });
    p.complete('assess', { needs: 'housing' });
    expect(p.state.status).toBe('completed');
    expect(p.state.variables).toEqual({ needs: 'housing' });
    expect(p.view().completedSteps).toEqual([
      { elementId: 'assess', at: new Date(T0).toISOString(), by: 'coord-1' },
      { elementId: 'end', at: new Date(T0).toISOString() },
    ]);
  });

  it('refuses data that does not fit its form, and a task that is not open, changing nothing', () => {
    const p = run(def);
    const before = JSON.stringify(p.state);
    expect(() => p.engine.checkTaskCompletion(p.state, p.taskId('assess'), {})).toThrow(
      new TaskRejection('invalid-data', 'needs is required'),
    );
    expect(() => p.engine.checkTaskCompletion(p.state, 'task99', { needs: 'x' })).toThrow(
      'task task99 is not open',
    );
    // Named with another element (an id read from an earlier run), the open task is not it.
    const assess = p.taskId('assess');
    expect(() => p.engine.checkTaskCompletion(p.state, assess, { needs: 'x' }, 'plan')).toThrow(
      new TaskRejection('not-open', `task ${assess} is not open`),
    );
    expect(() =>
      p.engine.checkTaskCompletion(p.state, assess, { needs: 'x' }, 'assess'),
    ).not.toThrow();
    expect(JSON.stringify(p.state)).toBe(before);
  });

  it('is overdue after its due date', () => {
    const p = run(def).at(T0 + 15 * DAY);
    expect(p.view()).toMatchObject({ overdue: true, openTasks: [{ overdue: true }] });
    expect(p.commands).toContainEqual({
      kind: 'notify',
      notice: expect.objectContaining({ kind: 'overdue' }),
    });
  });
});

describe('reminders and escalation of a user task', () => {
  const def = definition(
    [
      start,
      task('monitor', {
        dueIn: 'P30D',
        reminders: [
          { before: 'P3D', to: 'agency_staff' },
          { every: 'P7D', to: 'assignee' },
        ],
        escalation: [
          { after: 'P7D', to: 'coordinator' },
          { after: 'P14D', to: 'manager' },
        ],
      } as Partial<FlowElement>),
      end,
    ],
    ['start->monitor', 'monitor->end'],
  );

  it('reminds before the due date, chases after it, and escalates step by step', () => {
    const p = run(def).at(T0 + 45 * DAY);
    // Notices are dated when they fell due, even when the worker wakes later.
    expect(
      p.state.notices.map((n) => [n.kind, n.to, Math.round((n.at - T0) / DAY), n.level]),
    ).toEqual([
      ['reminder', 'agency_staff', 27, undefined],
      ['overdue', 'coordinator', 30, undefined],
      ['reminder', 'coordinator', 37, undefined],
      ['escalation', 'coordinator', 37, 1],
      ['escalation', 'manager', 44, 2],
      ['reminder', 'coordinator', 44, undefined],
    ]);
    expect(p.view().escalationLevel).toBe(2);
  });

  it('stops reminding once the task is done', () => {
    const p = run(def).at(T0 + 28 * DAY);
    expect(p.state.notices).toHaveLength(1);
    p.complete('monitor').at(T0 + 100 * DAY);
    expect(p.state.notices).toHaveLength(1);
    expect(p.state.waits).toEqual([]);
  });
});

describe('exclusive gateway', () => {
  const def = definition(
    [
      start,
      { id: 'consent', type: 'exclusiveGateway', default: 'no' },
      task('assess'),
      task('approach'),
      end,
    ],
    [
      'start->consent',
      ['yes', 'consent', 'assess', { '==': [{ var: 'consent' }, 'given'] }],
      ['no', 'consent', 'approach'],
      'assess->end',
      'approach->end',
    ],
    { consent: { type: 'string' } },
  );

  it('takes the flow whose condition holds, else the default', () => {
    expect(run(def, { consent: 'given' }).view().activeElements).toEqual(['assess']);
    expect(run(def, { consent: 'refused' }).view().activeElements).toEqual(['approach']);
    expect(run(def, {}).view().activeElements).toEqual(['approach']);
  });
});

describe('parallel gateway', () => {
  const def = definition(
    [
      start,
      { id: 'fork', type: 'parallelGateway' },
      task('a'),
      task('b'),
      { id: 'join', type: 'parallelGateway' },
      task('after'),
      end,
    ],
    ['start->fork', 'fork->a', 'fork->b', 'a->join', 'b->join', 'join->after', 'after->end'],
  );

  it('forks into both branches and joins only when both arrive', () => {
    const p = run(def);
    expect(p.view().activeElements.sort()).toEqual(['a', 'b']);
    p.complete('a');
    expect(p.view().activeElements).toEqual(['b']);
    p.complete('b');
    expect(p.view().activeElements).toEqual(['after']);
    p.complete('after');
    expect(p.state.status).toBe('completed');
  });
});

describe('event-based gateway', () => {
  const def = definition(
    [
      start,
      { id: 'race', type: 'eventBasedGateway' },
      { id: 'reply', type: 'intermediateCatchEvent', message: { name: 'contact' } },
      { id: 'silence', type: 'intermediateCatchEvent', timer: { duration: 'P30D' } },
      task('visit'),
      task('escalate'),
      end,
    ],
    [
      'start->race',
      'race->reply',
      'race->silence',
      'reply->visit',
      'silence->escalate',
      'visit->end',
      'escalate->end',
    ],
  );

  it('follows the message when it comes first and forgets the timer', () => {
    const p = run(def).apply({ type: 'message', name: 'contact' }, T0 + 5 * DAY);
    expect(p.view().activeElements).toEqual(['visit']);
    p.at(T0 + 60 * DAY);
    expect(p.view().activeElements).toEqual(['visit']);
  });

  it('follows the timer when nothing comes in time and ignores a later message', () => {
    const p = run(def).at(T0 + 30 * DAY);
    expect(p.view().activeElements).toEqual(['escalate']);
    p.apply({ type: 'message', name: 'contact' });
    expect(p.view().activeElements).toEqual(['escalate']);
  });
});

describe('boundary events on a user task', () => {
  const withBoundary = (boundary: Partial<FlowElement>) =>
    definition(
      [
        start,
        task('consent'),
        { id: 'b', type: 'boundaryEvent', attachedTo: 'consent', ...boundary } as FlowElement,
        task('meeting'),
        end,
      ],
      ['start->consent', 'consent->end', 'b->meeting', 'meeting->end'],
    );

  it('an interrupting timer cancels the task and takes its own path', () => {
    const p = run(withBoundary({ timer: { duration: 'P60D' } })).at(T0 + 60 * DAY);
    expect(p.view().activeElements).toEqual(['meeting']);
    expect(p.state.tasks.map((t) => t.elementId)).toEqual(['meeting']);
  });

  it('a non-interrupting timer cycle fires the given number of times while the task stays open', () => {
    const p = run(
      withBoundary({ interrupting: false, timer: { cycle: { every: 'P30D', times: 3 } } }),
    ).at(T0 + 365 * DAY);
    expect(p.state.tasks.map((t) => t.elementId).sort()).toEqual([
      'consent',
      'meeting',
      'meeting',
      'meeting',
    ]);
  });

  it('a message boundary interrupts the task when the message comes', () => {
    const p = run(withBoundary({ message: { name: 'withdrawn' } })).apply({
      type: 'message',
      name: 'withdrawn',
    });
    expect(p.view().activeElements).toEqual(['meeting']);
  });

  it('is withdrawn when the task completes first', () => {
    const p = run(withBoundary({ timer: { duration: 'P60D' } })).complete('consent');
    expect(p.state.status).toBe('completed');
    expect(p.state.waits).toEqual([]);
  });
});

describe('service task', () => {
  const def = definition(
    [
      start,
      {
        id: 'record',
        type: 'serviceTask',
        activity: 'recordPlan',
        input: { goal: { var: 'goal' } },
        output: { planVersion: 'version' },
      },
      { id: 'slow', type: 'boundaryEvent', attachedTo: 'record', timer: { duration: 'PT1H' } },
      task('check'),
      end,
    ],
    ['start->record', 'record->end', 'slow->check', 'check->end'],
    { goal: { type: 'string' }, planVersion: { type: 'number' } },
  );

  it('asks for its activity with mapped input and maps the result into variables', () => {
    const p = run(def, { goal: 'stable income' });
    const command = p.commands.find((c) => c.kind === 'activity');
    expect(command).toMatchObject({ activity: 'recordPlan', input: { goal: 'stable income' } });
    p.apply({
      type: 'activityCompleted',
      workId: command?.kind === 'activity' ? command.id : '',
      result: { version: 2 },
    });
    expect(p.state).toMatchObject({ status: 'completed', variables: { planVersion: 2 } });
  });

  it('is cancelled by an interrupting boundary timer, and a late result is ignored', () => {
    const p = run(def, { goal: 'x' }).at(T0 + 3_600_000);
    const command = p.commands.find((c) => c.kind === 'activity');
    const id = command?.kind === 'activity' ? command.id : '';
    expect(p.commands).toContainEqual({ kind: 'cancel', id });
    p.apply({ type: 'activityCompleted', workId: id, result: { version: 9 } });
    expect(p.view().activeElements).toEqual(['check']);
    expect(p.state.variables.planVersion).toBeUndefined();
  });
});

describe('call activity', () => {
  it('asks for a child process and maps its variables back', () => {
    const def = definition(
      [
        start,
        {
          id: 'meet',
          type: 'callActivity',
          calledElement: 'meeting',
          version: 2,
          input: { occasion: 'plan' },
          output: { decision: 'decision' },
        },
        end,
      ],
      ['start->meet', 'meet->end'],
      { decision: { type: 'string' } },
    );
    const p = run(def);
    const child = p.commands.find((c) => c.kind === 'child');
    expect(child).toMatchObject({ definition: 'meeting@2', variables: { occasion: 'plan' } });
    p.apply({
      type: 'childCompleted',
      workId: child?.kind === 'child' ? child.id : '',
      variables: { decision: 'approved' },
    });
    expect(p.state).toMatchObject({ status: 'completed', variables: { decision: 'approved' } });
  });
});

describe('embedded sub-process', () => {
  const sub = (inner: FlowElement[], innerFlows: string[]): FlowElement =>
    ({
      id: 'sub',
      type: 'subProcess',
      elements: inner,
      flows: innerFlows.map((f) => {
        const [s, t] = f.split('->');
        return { id: `${s}-${t}`, source: s, target: t };
      }),
    }) as FlowElement;

  it('runs its inner flow and continues after it when it ends', () => {
    const def = definition(
      [
        start,
        sub(
          [
            { id: 's0', type: 'startEvent' },
            task('inner'),
            { id: 's9', type: 'endEvent', outcome: 'completed' },
          ],
          ['s0->inner', 'inner->s9'],
        ),
        task('after'),
        end,
      ],
      ['start->sub', 'sub->after', 'after->end'],
    );
    const p = run(def);
    expect(p.view().activeElements).toEqual(['sub', 'inner']);
    p.complete('inner');
    expect(p.view().activeElements).toEqual(['after']);
  });

  it('an escalation thrown inside is caught by the boundary on the sub-process', () => {
    const def = definition(
      [
        start,
        sub(
          [
            { id: 's0', type: 'startEvent' },
            task('inner'),
            { id: 'raise', type: 'endEvent', outcome: 'completed', escalation: 'contact-lost' },
          ],
          ['s0->inner', 'inner->raise'],
        ),
        {
          id: 'caught',
          type: 'boundaryEvent',
          attachedTo: 'sub',
          escalation: { code: 'contact-lost' },
        },
        task('suspension'),
        end,
      ],
      ['start->sub', 'sub->end', 'caught->suspension', 'suspension->end'],
    );
    const p = run(def).complete('inner');
    expect(p.view().activeElements).toEqual(['suspension']);
    expect(p.state.scopes).toEqual([]);
  });
});

describe('loops and ending', () => {
  it('loops back through a timer until a condition holds (periodic re-approach)', () => {
    const def = definition(
      [
        start,
        task('approach', {
          form: { consent: { type: 'string', enum: ['given', 'not-yet'] } },
        } as Partial<FlowElement>),
        { id: 'given', type: 'exclusiveGateway', default: 'wait' },
        { id: 'later', type: 'intermediateCatchEvent', timer: { duration: 'P1M' } },
        end,
      ],
      [
        'start->approach',
        'approach->given',
        ['yes', 'given', 'end', { '==': [{ var: 'consent' }, 'given'] }],
        ['wait', 'given', 'later'],
        'later->approach',
      ],
      { consent: { type: 'string' } },
    );
    const p = run(def);
    p.complete('approach', { consent: 'not-yet' });
    expect(p.view().activeElements).toEqual(['later']);
    p.at(Date.parse('2026-05-01T00:00:00Z'));
    p.complete('approach', { consent: 'given' });
    expect(p.state.status).toBe('completed');
    expect(p.view().completedSteps.map((s) => s.elementId)).toEqual([
      'approach',
      'later',
      'approach',
      'end',
    ]);
  });

  it('a terminate end ends every path at once', () => {
    const def = definition(
      [
        start,
        { id: 'fork', type: 'parallelGateway' },
        task('a'),
        { id: 'stop', type: 'endEvent', outcome: 'terminated' },
        end,
      ],
      ['start->fork', 'fork->a', 'fork->stop', 'a->end'],
    );
    const p = run(def);
    expect(p.state).toMatchObject({ status: 'terminated', tokens: [], tasks: [] });
  });
});

describe('durations held by variables', () => {
  // The plan sets the monitoring interval: the task's due date and the timer follow it.
  const def = definition(
    [
      start,
      task('plan', {
        form: { interval: { type: 'duration', required: true } },
      } as Partial<FlowElement>),
      task('monitor', { dueInVariable: 'interval' } as Partial<FlowElement>),
      { id: 'pause', type: 'intermediateCatchEvent', timer: { durationVariable: 'interval' } },
      end,
    ],
    ['start->plan', 'plan->monitor', 'monitor->pause', 'pause->end'],
    { interval: { type: 'duration' } },
  );

  it('takes the due date and the timer from the variable', () => {
    const p = run(def).complete('plan', { interval: 'P1M' });
    expect(p.view().openTasks[0].dueAt).toBe('2026-05-01T00:00:00.000Z');
    p.complete('monitor');
    expect(p.engine.nextDeadline(p.state)).toBe(Date.parse('2026-05-01T00:00:00Z'));
    expect(p.at(Date.parse('2026-05-01T00:00:00Z')).state.status).toBe('completed');
  });

  it('refuses a completion whose duration is not ISO 8601', () => {
    const p = run(def);
    expect(() =>
      p.engine.checkTaskCompletion(p.state, p.taskId('plan'), { interval: 'monthly' }),
    ).toThrow('interval must be an ISO 8601 duration such as P1M');
  });
});

describe('attribution', () => {
  const def = definition(
    [
      start,
      { id: 'contact', type: 'intermediateCatchEvent', message: { name: 'contactRecorded' } },
      { id: 'store', type: 'serviceTask', activity: 'recordContact' },
      { id: 'again', type: 'serviceTask', activity: 'recordContact' },
      end,
    ],
    ['start->contact', 'contact->store', 'store->again', 'again->end'],
  );

  it('carries who sent a message to the steps and activities it leads to', () => {
    const p = run(def).apply({ type: 'message', name: 'contactRecorded', by: 'staff-7' });
    expect(p.view().completedSteps).toEqual([
      expect.objectContaining({ elementId: 'contact', by: 'staff-7' }),
    ]);
    const first = p.commands.find((c) => c.kind === 'activity');
    expect(first).toMatchObject({ activity: 'recordContact', by: 'staff-7' });
    p.apply({ type: 'activityCompleted', workId: (first as { id: string }).id, result: {} });
    expect(p.commands.filter((c) => c.kind === 'activity').map((c) => c.by)).toEqual([
      'staff-7',
      'staff-7',
    ]);
  });
});

describe('reminders on a working-day calendar', () => {
  // Monitoring falls due on Saturday 2 January 2027, 09:00 in Japan (276 days after T0).
  const def = definition(
    [
      start,
      task('monitor', {
        dueIn: 'P276D',
        reminders: [
          { before: 'P3D', to: 'agency_staff' },
          { every: 'P1D', to: 'coordinator' },
        ],
        escalation: [{ after: 'P1D', to: 'manager' }],
      } as Partial<FlowElement>),
      end,
    ],
    ['start->monitor', 'monitor->end'],
  );
  const noticesUntil = (p: ReturnType<typeof run>, until: number) =>
    p.runUntil(until).state.notices.map((n) => `${n.kind} ${n.to} ${jst(n.at)}`);

  it('reminds on the last working day before the New Year closure and chases after it, in office hours, once each', () => {
    const p = run(def, {}, new WorkingCalendar());
    expect(noticesUntil(p, Date.parse('2027-01-05T00:00:00Z'))).toEqual([
      'reminder agency_staff 2026-12-28T09:00', // 30 Dec is closed: the 28th, same hour
      'overdue coordinator 2027-01-02T09:00',
      'reminder coordinator 2027-01-04T08:30', // 3 Jan is closed: the first working morning
      'escalation manager 2027-01-04T08:30',
      'reminder coordinator 2027-01-05T08:30',
    ]);
  });

  it('counts durations written in working days on the calendar', () => {
    // Reached on Friday 1 May 2026, 10:00 in Japan; Golden Week follows (3-6 May).
    const reached = Date.parse('2026-05-01T01:00:00Z');
    const inWorkingDays = definition(
      [
        start,
        task('review', {
          dueIn: '3 working days',
          reminders: [{ before: '1 working day', to: 'coordinator' }],
          escalation: [{ after: '2 working days', to: 'manager' }],
        } as Partial<FlowElement>),
        end,
      ],
      ['start->review', 'review->end'],
    );
    const engine = new ProcessEngine(inWorkingDays, new WorkingCalendar());
    const p = engine.start({}, reached);
    expect(jst(p.state.tasks[0].dueAt!)).toBe('2026-05-11T10:00'); // Thu 7, Fri 8, Mon 11
    const waits = p.state.waits.map((w) => `${w.purpose} ${jst(w.dueAt!)}`);
    expect(waits).toEqual([
      'due 2026-05-11T10:00',
      'reminder 2026-05-08T10:00',
      'escalation 2026-05-13T10:00',
    ]);
  });

  it('sends the overdue notice in office hours, while the task is overdue from its due time', () => {
    const p = run(def, {}, new WorkingCalendar(), { overdueInOfficeHours: true });
    // Due on the closed 2 January, 09:00: overdue at once, told on the first working morning.
    expect(noticesUntil(p, Date.parse('2027-01-02T00:00:00Z'))).toEqual([
      'reminder agency_staff 2026-12-28T09:00',
    ]);
    expect(p.view().overdue).toBe(true);
    expect(noticesUntil(p, Date.parse('2027-01-04T00:00:00Z')).slice(1)).toEqual([
      'reminder coordinator 2027-01-04T08:30',
      'escalation manager 2027-01-04T08:30',
      'overdue coordinator 2027-01-04T08:30',
    ]);
  });

  it('keeps the plain times without a calendar', () => {
    const p = run(def);
    expect(noticesUntil(p, Date.parse('2027-01-03T01:00:00Z'))).toEqual([
      'reminder agency_staff 2026-12-30T09:00',
      'overdue coordinator 2027-01-02T09:00',
      'reminder coordinator 2027-01-03T09:00',
      'escalation manager 2027-01-03T09:00',
    ]);
  });
});

describe("a meeting day's invitations and reminders", () => {
  const def = definition(
    [
      start,
      task('schedule', {
        form: { at: { type: 'date', required: true }, attendees: { type: 'string[]' } },
      } as Partial<FlowElement>),
      { id: 'untilTheDay', type: 'eventBasedGateway' },
      {
        id: 'day',
        type: 'intermediateCatchEvent',
        timer: { dateVariable: 'at' },
        invite: [{ to: 'agency_staff', agencies: 'attendees' }],
        reminders: [
          { before: '1 working day', to: 'agency_staff', agencies: 'attendees' },
          { before: 'P1D', to: 'coordinator' },
        ],
      },
      { id: 'moved', type: 'intermediateCatchEvent', message: { name: 'moved' } },
      {
        id: 'calledOff',
        type: 'intermediateCatchEvent',
        message: { name: 'calledOff' },
        notify: [{ to: 'agency_staff', agencies: 'attendees' }],
      },
      end,
    ],
    [
      'start->schedule',
      'schedule->untilTheDay',
      'untilTheDay->day',
      'untilTheDay->moved',
      'untilTheDay->calledOff',
      'moved->untilTheDay',
      'day->end',
      'calledOff->end',
    ],
    { at: { type: 'date' }, attendees: { type: 'string[]' } },
  );
  const at = (local: string) => Date.parse(`${local}+09:00`);
  const notices = (p: ReturnType<typeof run>, until: number) =>
    p
      .runUntil(until)
      .state.notices.map(
        (n) =>
          `${n.kind} ${n.to}${n.agencies ? `[${n.agencies.join(',')}]` : ''} ${jst(n.at)}${n.eventAt ? ` for ${jst(n.eventAt)}` : ''}`,
      );

  it('invites the attendees, and reminds them on the working day before, once per date', () => {
    const p = run(def, {}, new WorkingCalendar());
    // Scheduled on Wednesday 1 April for Monday 13 April, 10:00.
    p.complete('schedule', { at: '2026-04-13T01:00:00Z', attendees: ['houkatsu', 'hoken'] });
    expect(notices(p, at('2026-04-08T12:00'))).toEqual([
      'invitation agency_staff[houkatsu,hoken] 2026-04-01T09:00 for 2026-04-13T10:00',
    ]);
    // Moved on 8 April to Monday 20 April, 14:00, with another agency: the old reminders go.
    p.apply(
      {
        type: 'message',
        name: 'moved',
        payload: { at: '2026-04-20T05:00:00Z', attendees: ['houkatsu', 'seikatsu'] },
      },
      at('2026-04-08T12:00'),
    );
    expect(notices(p, at('2026-04-30T00:00')).slice(1)).toEqual([
      'invitation agency_staff[houkatsu,seikatsu] 2026-04-08T12:00 for 2026-04-20T14:00',
      // One working day before, and one day before (a Sunday) moved back to the Friday.
      'event_reminder agency_staff[houkatsu,seikatsu] 2026-04-17T14:00 for 2026-04-20T14:00',
      'event_reminder coordinator 2026-04-17T14:00 for 2026-04-20T14:00',
    ]);
    expect(p.state.status).toBe('completed');
  });

  it('reminds of a meeting less than a working day ahead as soon as it can, in working hours', () => {
    const p = run(def, {}, new WorkingCalendar(), { remindLateMeetings: true });
    // Scheduled on Wednesday 1 April at 09:00 for 15:00 the same day.
    p.complete('schedule', { at: '2026-04-01T06:00:00Z', attendees: ['houkatsu'] });
    expect(notices(p, at('2026-04-02T00:00'))).toEqual([
      'invitation agency_staff[houkatsu] 2026-04-01T09:00 for 2026-04-01T15:00',
      'event_reminder agency_staff[houkatsu] 2026-04-01T09:00 for 2026-04-01T15:00',
      'event_reminder coordinator 2026-04-01T09:00 for 2026-04-01T15:00',
    ]);
  });

  it('reminds of a late meeting at the next working moment, and not once the meeting is past', () => {
    const p = run(def, {}, new WorkingCalendar(), { remindLateMeetings: true });
    // Scheduled on Friday 3 April at 20:00 for Monday 6 April, 10:00: reminded Monday 08:30.
    p.apply({ type: 'timersDue' }, at('2026-04-03T20:00'));
    p.complete('schedule', { at: '2026-04-06T01:00:00Z', attendees: ['houkatsu'] });
    expect(notices(p, at('2026-04-07T00:00')).slice(1)).toEqual([
      'event_reminder agency_staff[houkatsu] 2026-04-06T08:30 for 2026-04-06T10:00',
      'event_reminder coordinator 2026-04-06T08:30 for 2026-04-06T10:00',
    ]);
    const q = run(def, {}, new WorkingCalendar(), { remindLateMeetings: true });
    // Scheduled on Friday 3 April at 20:00 for 21:00: no working moment comes before it.
    q.apply({ type: 'timersDue' }, at('2026-04-03T20:00'));
    q.complete('schedule', { at: '2026-04-03T12:00:00Z', attendees: ['houkatsu'] });
    expect(notices(q, at('2026-04-04T00:00'))).toEqual([
      'invitation agency_staff[houkatsu] 2026-04-03T20:00 for 2026-04-03T21:00',
    ]);
  });

  it('does not remind of a meeting when the reminder time has passed by the invitation, in processes started before remind-late-meetings', () => {
    const p = run(def, {}, new WorkingCalendar());
    p.complete('schedule', { at: '2026-04-01T06:00:00Z', attendees: ['houkatsu'] });
    expect(notices(p, at('2026-04-02T00:00'))).toEqual([
      'invitation agency_staff[houkatsu] 2026-04-01T09:00 for 2026-04-01T15:00',
    ]);
  });

  it('tells the attendees when the meeting is called off, and reminds no one of it', () => {
    const p = run(def, {}, new WorkingCalendar());
    p.complete('schedule', { at: '2026-04-13T01:00:00Z', attendees: ['houkatsu'] });
    p.apply({ type: 'message', name: 'calledOff' }, at('2026-04-06T11:00'));
    expect(notices(p, at('2026-04-30T00:00'))).toEqual([
      'invitation agency_staff[houkatsu] 2026-04-01T09:00 for 2026-04-13T10:00',
      'event_notice agency_staff[houkatsu] 2026-04-06T11:00',
    ]);
    expect(p.state.status).toBe('completed');
  });

  it('announces nothing of a meeting entered after it was held', () => {
    const p = run(def, {}, new WorkingCalendar());
    p.complete('schedule', { at: '2026-03-30T01:00:00Z', attendees: ['houkatsu'] });
    expect(notices(p, at('2026-04-02T00:00'))).toEqual([]);
    expect(p.state.status).toBe('completed');
  });
});

describe('applying an event', () => {
  it('leaves the state it was applied to as it was, steps and notices included', () => {
    const def = definition(
      [start, task('a', { dueIn: 'P1D' } as Partial<FlowElement>), task('b'), end],
      ['start->a', 'a->b', 'b->end'],
    );
    const p = run(def).at(T0 + 2 * DAY);
    const before = p.state;
    expect(before.notices.length).toBeGreaterThan(0);
    const copy = JSON.parse(JSON.stringify(before));
    p.complete('a');
    expect(p.state.completed.length).toBeGreaterThan(before.completed.length);
    expect(before).toEqual(copy);
    // The speculative look ahead the workflow makes (notice staging) changes nothing either.
    p.engine.apply(p.state, { type: 'timersDue' }, T0 + 9 * DAY);
    p.engine.apply(before, { type: 'timersDue' }, T0 + 9 * DAY);
    expect(before).toEqual(copy);
  });
});
