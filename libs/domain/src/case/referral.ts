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
