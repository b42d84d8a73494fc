import { CaseAccessFacts, Decision, mayReadCase } from './access-policy';
import type { Actor } from './actor';

const allow = (reason: string): Decision => ({ allowed: true, reason });
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** The agency register is public reference data: anyone of the municipality reads its own. */
export function mayListAgencies(actor: Actor): Decision {
  return actor.roles.length > 0 ? allow('staff of the municipality') : deny('no role');
}

/**
 * Case notes (支援記録) are the support workers' own record: those who may read the case read and
 * write them (coordinators, and agency staff in the support meeting or with a role in the plan);
 * managers read them, since they oversee, but do not write, as they do not act on cases.
 */
export function mayWriteNote(actor: Actor, facts: CaseAccessFacts): Decision {
  const read = mayReadCase(actor, facts);
  if (!read.allowed) return read;
  return actor.roles.includes('coordinator') || actor.roles.includes('agency_staff')
    ? read
    : deny('role may not write case notes');
}

/** Who reads a note's text: whoever may read the case. The timeline shows others only that one exists. */
export const mayReadNotes = mayReadCase;

/**
 * Printouts (the plan for the person's signature, a summary for a meeting) hold the whole case:
 * for coordinators, who print them to take to the person and to the meeting.
 */
export function mayPrintCase(actor: Actor, facts: CaseAccessFacts): Decision {
  const read = mayReadCase(actor, facts);
  if (!read.allowed) return read;
  return actor.roles.includes('coordinator') ? read : deny('only coordinators print case papers');
}

/** The household's members are the coordinator's to keep current, as the referral's were. */
export function mayEditHousehold(actor: Actor, facts: CaseAccessFacts): Decision {
  const read = mayReadCase(actor, facts);
  if (!read.allowed) return read;
  return actor.roles.includes('coordinator') ? read : deny('only coordinators edit the household');
}
