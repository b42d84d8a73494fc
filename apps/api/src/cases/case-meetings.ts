import { liveMeetingStatus } from '@sss/domain';
import type { MeetingEntity } from '@sss/persistence';
import type { CaseProcessState } from './case-process';
import type { MeetingView } from './dto/case-view.dto';

const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * A case's meetings: those held, as recorded, then those its processes run now, read from the
 * meeting process's own variables (its date and attendees as last scheduled).
 */
export function meetingsOf(held: MeetingEntity[], state: CaseProcessState): MeetingView[] {
  const live = state.processes
    .filter((p) => p.view.definition.startsWith('meeting@'))
    .map(({ view }): MeetingView => {
      const status = liveMeetingStatus(view.openTasks.map((t) => t.elementId));
      const at = view.variables?.scheduledAt;
      return {
        kind: text(view.variables?.kind),
        occasion: text(view.variables?.occasion),
        status,
        // A date called off or postponed is no date: the meeting waits to be scheduled anew.
        scheduledAt: status !== 'to_schedule' && typeof at === 'string' ? at : null,
        attendees: status !== 'to_schedule' ? strings(view.variables?.attendees) : [],
        outcome: null,
      };
    });
  return [
    ...held.map((m) => ({
      kind: m.kind,
      occasion: m.occasion,
      status: 'held',
      scheduledAt: m.scheduledAt?.toISOString() ?? null,
      attendees: m.attendees,
      outcome: m.outcome,
    })),
    ...live,
  ];
}
