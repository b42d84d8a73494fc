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
  referringAgency: string;
  householdName: string;
  summary?: string;
}
