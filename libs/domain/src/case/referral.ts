import { Field, Programme } from './programme';

/**
 * What a consultation agency hands over when it refers a case (つなぎ). `householdName` and
 * `summary` are personal data: they travel only inside encrypted payloads and the database.
 */
export interface Referral {
  caseId: string;
  municipality: string;
  programme: Programme;
  fields: Field[];
  /** Code of the consultation agency that refers the case. */
  referringAgency: string;
  householdName: string;
  summary?: string;
  /** Agencies in the case's support meeting (支援会議), see `supportMeetingAgencies`. */
  supportMeetingAgencies: string[];
  /** Id of the person who referred the case: every write is attributable. */
  referredBy: string;
  /** 8050, young_carer, hikikomori, poverty, …. */
  issueTags?: string[];
  /** The coordinator (a staff id) who owns the case. */
  assignedCoordinator?: string;
  /** The definition the case's process runs on (`id@version`). */
  processDefinition?: string;
  address?: string;
  members?: HouseholdMember[];
}

/** A member of the referred household. Personal data. */
export interface HouseholdMember {
  name: string;
  /** person, father, mother, son, daughter, spouse, sibling, other. */
  relation: string;
  age?: number;
  /** The person the support is for (本人). */
  isPerson?: boolean;
}

/** What households struggle with; tags for finding and counting cases. */
export const ISSUE_TAGS = [
  '8050',
  'young_carer',
  'hikikomori',
  'poverty',
  'dementia',
  'disability',
  'debt',
  'abuse',
  'isolation',
] as const;

/**
 * The support meeting a referred case starts with: the referring agency, which already knows the
 * household, and any agency the coordinator invites.
 */
export function supportMeetingAgencies(referringAgency: string, invited: string[] = []): string[] {
  return [...new Set([referringAgency, ...invited])];
}

/** What a stored case keeps of its referral, to tell a retry from a different referral. */
export type StoredReferral = Pick<
  Referral,
  'programme' | 'fields' | 'referringAgency' | 'householdName' | 'supportMeetingAgencies'
> & {
  summary: string | null;
  issueTags: string[];
  assignedCoordinator: string | null;
};

/**
 * The fields in which a referral re-sent under a stored case's id differs from it (none: a retry,
 * answered as the first was). Lists compare as sets; the coordinator only when the referral names
 * one (by default it is whoever sends it).
 */
export function referralDifferences(stored: StoredReferral, referral: Referral): string[] {
  const set = (v: readonly string[] | undefined) => [...new Set(v ?? [])].sort().join('\n');
  const checks: [string, boolean][] = [
    ['programme', stored.programme === referral.programme],
    ['fields', set(stored.fields) === set(referral.fields)],
    ['referringAgency', stored.referringAgency === referral.referringAgency],
    ['householdName', stored.householdName === referral.householdName],
    ['summary', (stored.summary ?? undefined) === referral.summary],
    ['issueTags', set(stored.issueTags) === set(referral.issueTags)],
    [
      'supportMeetingAgencies',
      set(stored.supportMeetingAgencies) === set(referral.supportMeetingAgencies),
    ],
    [
      'assignedCoordinator',
      referral.assignedCoordinator === undefined ||
        stored.assignedCoordinator === referral.assignedCoordinator,
    ],
  ];
  return checks.filter(([, same]) => !same).map(([name]) => name);
}
