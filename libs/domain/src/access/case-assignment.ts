import type { Actor } from './actor';
import type { CaseAccessFacts, Decision } from './access-policy';
import { noticeLabel } from '../notices/notice-message';
import type { Notice } from '../process/state';

const allow = (reason: string): Decision => ({ allowed: true, reason });
const deny = (reason: string): Decision => ({ allowed: false, reason });
const OUTSIDE: Decision = { allowed: false, reason: 'case of another municipality', unseen: true };

/**
 * Who may hand a case to another coordinator (担当替え) or to another office (移管): the
 * municipality's coordinators, who share its cases, and its managers, who assign the work (the
 * one thing managers do to a case: it changes who works on it, not what it records).
 */
export function mayReassignCase(
  actor: Actor,
  facts: Pick<CaseAccessFacts, 'municipality'>,
): Decision {
  if (actor.municipality !== facts.municipality) return OUTSIDE;
  if (actor.kind !== 'person') return deny('a service account does not assign cases');
  if (actor.roles.includes('coordinator')) return allow('coordinator of the municipality');
  if (actor.roles.includes('manager')) return allow('manager of the municipality');
  return deny('only coordinators and managers reassign or transfer cases');
}

/** Why a reassignment cannot be made now, in words; undefined when it can. */
export function reassignmentRefusal(
  current: string | null,
  next: string,
  status: string,
): string | undefined {
  if (status !== 'open') return `the case is ${status}: only an open case is reassigned`;
  if (current === next) return `the case is already assigned to ${next}`;
  return undefined;
}

/**
 * Why a transfer to `next` cannot be made now; undefined when it can. `nextMunicipality` is the
 * municipality that registers the agency (undefined: none does). A case never leaves its
 * municipality: its records, consent and confidentiality are that municipality's.
 */
export function transferRefusal(
  facts: Pick<CaseAccessFacts, 'municipality' | 'responsibleAgency'> & { status: string },
  next: string,
  nextMunicipality: string | undefined,
): { status: 400 | 409; reason: string } | undefined {
  if (nextMunicipality === undefined) {
    return {
      status: 400,
      reason: `agency: '${next}' is no agency of the municipality (see GET /v1/agencies)`,
    };
  }
  if (nextMunicipality !== facts.municipality) {
    return {
      status: 409,
      reason: `agency: '${next}' is another municipality's; a case is never transferred out of its municipality`,
    };
  }
  if (facts.status !== 'open') {
    return { status: 409, reason: `the case is ${facts.status}: only an open case is transferred` };
  }
  if (facts.responsibleAgency === next) {
    return { status: 409, reason: `the case is already with ${next}` };
  }
  return undefined;
}

/**
 * The notice that tells a case's new hands: the coordinator it was given to, by person (not
 * whoever has the case when it is delivered, which a later change may have moved on), or the
 * office it was transferred to. `key` is the change's timeline entry, so it is told once.
 */
export function handoverNotice(
  key: string,
  [kind, recipient]: ['person' | 'agency', string],
  at: number,
): { key: string; notice: Notice; taskName: string } {
  const notice: Notice =
    kind === 'person'
      ? {
          id: key,
          at,
          kind: 'assigned',
          elementId: 'assigned',
          to: 'coordinator',
          person: recipient,
        }
      : {
          id: key,
          at,
          kind: 'transferred',
          elementId: 'transferred',
          to: 'agency_staff',
          agencies: [recipient],
        };
  return { key, notice, taskName: noticeLabel(notice.kind) };
}
