import { AGENCY_STAFF_ACTIONS, CaseAction } from '../case/case-actions';
import type { Actor } from './actor';

export interface Decision {
  allowed: boolean;
  /** Why, for the audit log; never shown to the caller. */
  reason: string;
  /**
   * The caller may not even learn that the case exists (another municipality's): the refusal is
   * answered exactly as an unknown case id is.
   */
  unseen?: true;
  /** A referral's id is held by a case it may not land on: refused as a conflict. */
  taken?: true;
}

/** What the policy needs to know of a case; none of it is personal data. */
export interface CaseAccessFacts {
  municipality: string;
  /** Whether the person has consented to sharing their information (本人同意). */
  consentGiven: boolean;
  /** Agencies in the case's support meeting (支援会議, Art. 106-6): bound by confidentiality. */
  supportMeetingAgencies: string[];
  /** Agencies the support plan gives a role. */
  planAgencies: string[];
  /** Agencies the case's meetings invited, as their stored invitations and records say. */
  meetingAgencies?: string[];
  /**
   * The office (窓口) the case is with, if it was transferred to one: its staff work the case as
   * its coordinating agency, so they read it whatever the consent (like the support meeting).
   */
  responsibleAgency?: string | null;
}

const allow = (reason: string): Decision => ({ allowed: true, reason });
const deny = (reason: string): Decision => ({ allowed: false, reason });
/** A municipality's cases do not exist for anyone outside it. */
const OUTSIDE: Decision = { allowed: false, reason: 'case of another municipality', unseen: true };

/** A case that does not exist, refused the same way as one the caller may not know of. */
export const UNKNOWN_CASE: Decision = { allowed: false, reason: 'no such case', unseen: true };

function has(actor: Actor, role: Actor['roles'][number]): boolean {
  return actor.roles.includes(role);
}

/**
 * Who may read a case. Consent decides who may see it; before consent only the members of the
 * support meeting may, under its confidentiality duty. Coordinators convene that meeting and
 * managers oversee all cases, so both see every case of their own municipality. Auditors and
 * administrators never see case content.
 */
export function mayReadCase(actor: Actor, facts: CaseAccessFacts): Decision {
  if (actor.municipality !== facts.municipality) return OUTSIDE;
  if (has(actor, 'coordinator')) return allow('coordinator of the municipality');
  if (has(actor, 'manager')) return allow('manager of the municipality');
  if (has(actor, 'agency_staff') && actor.agency) {
    if (facts.responsibleAgency === actor.agency) return allow('office the case is with');
    if (facts.supportMeetingAgencies.includes(actor.agency)) {
      return allow('agency in the support meeting');
    }
    // Invited to a meeting on the case: the meeting cannot be prepared without reading it.
    if (facts.meetingAgencies?.includes(actor.agency)) {
      return allow('agency invited to a meeting of the case');
    }
    if (facts.consentGiven && facts.planAgencies.includes(actor.agency)) {
      return allow('agency with a role in the plan, with consent');
    }
    return deny(facts.consentGiven ? 'agency has no role in the case' : 'no consent yet');
  }
  return deny('role may not read case content');
}

/**
 * Who may act on a case: coordinators on every step of their municipality's cases; agency staff
 * do the support work (monitoring, contact) on cases they may see. Managers oversee but do not
 * act, so what a case records is always its workers' doing.
 */
export function mayActOnCase(actor: Actor, facts: CaseAccessFacts, action: CaseAction): Decision {
  if (actor.municipality !== facts.municipality) return OUTSIDE;
  if (has(actor, 'coordinator')) return allow('coordinator of the municipality');
  if (has(actor, 'agency_staff') && AGENCY_STAFF_ACTIONS.includes(action)) {
    return mayReadCase(actor, facts);
  }
  return deny(`role may not ${action}`);
}

/** Listing shows ids, stages and due dates of every case: for coordinators and managers. */
export function mayListCases(actor: Actor): Decision {
  return has(actor, 'coordinator') || has(actor, 'manager')
    ? allow('coordinator or manager')
    : deny('only coordinators and managers list cases');
}

/**
 * Open tasks across cases (GET /v1/tasks): for those who work on or oversee cases. What each one
 * sees is then decided case by case by mayReadCase on the stored case.
 */
export function mayListTasks(actor: Actor): Decision {
  return has(actor, 'coordinator') || has(actor, 'manager') || has(actor, 'agency_staff')
    ? allow('coordinator, manager or agency staff')
    : deny('only coordinators, managers and agency staff list tasks');
}

/** Coordinators of a municipality take referrals (つなぎ) for that municipality. */
export function mayReferCase(actor: Actor, municipality: string): Decision {
  if (!has(actor, 'coordinator')) return deny('only coordinators take referrals');
  if (actor.municipality !== municipality) return deny('referral for another municipality');
  return allow('coordinator of the municipality');
}

/**
 * Whether a referral may land on the case already stored under its id (ids are global): only a
 * retry of the caller's municipality's own open case does, and is answered with that case. Any
 * other holder (another municipality, or a case closed or suspended) refuses it the same way,
 * whoever holds the id, so the refusal reveals nothing of that case.
 */
export function mayReferInto(
  actor: Actor,
  existing: { municipality: string; status: string },
): Decision {
  const refer = mayReferCase(actor, actor.municipality);
  if (!refer.allowed) return refer;
  const taken = (reason: string): Decision => ({ allowed: false, reason, taken: true });
  if (actor.municipality !== existing.municipality) return taken('id of another municipality');
  if (existing.status !== 'open') return taken('id of a case no longer open');
  return allow('retry of an open referral');
}

/** Auditors read the audit log of their municipality, and nothing of cases. */
export function mayReadAudit(actor: Actor): Decision {
  return has(actor, 'auditor') ? allow('auditor') : deny('only auditors read the audit log');
}

/** Decoding payloads shows case content in the Temporal UI: managers only. */
export function mayUsePayloadCodec(actor: Actor): Decision {
  return has(actor, 'manager') ? allow('manager') : deny('only managers decode payloads');
}

/**
 * Monthly and fiscal-year statistics are counts only, with no personal data and no case ids:
 * managers and coordinators read those of their own municipality (the caller's municipality is
 * the only one ever counted, so there is no other to ask for).
 */
export function mayReadStatistics(actor: Actor): Decision {
  return has(actor, 'manager') || has(actor, 'coordinator')
    ? allow('manager or coordinator of the municipality')
    : deny('only managers and coordinators read statistics');
}

/**
 * Where notices go outside the inbox (addresses, webhooks) and whether they got there: the
 * municipality's managers and administrators see and set it, for their own municipality only.
 */
export function mayManageNotificationChannels(actor: Actor): Decision {
  return has(actor, 'manager') || has(actor, 'administrator')
    ? allow('manager or administrator of the municipality')
    : deny('only managers and administrators manage notification channels');
}

/**
 * Moving running cases to another definition version changes how every selected case goes on:
 * administrators only, for the cases of their own municipality.
 */
export function mayMigrateCases(actor: Actor): Decision {
  return has(actor, 'administrator')
    ? allow('administrator of the municipality')
    : deny('only administrators migrate cases');
}
