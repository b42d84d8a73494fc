/** Roles, always held within one municipality (tenant). */
export const ROLES = [
  'coordinator',
  'agency_staff',
  'manager',
  'auditor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: a person, or a service account of a machine client. */
export interface Actor {
  id: string;
  kind: 'person' | 'service';
  roles: Role[];
  /** The municipality (local government code) the actor belongs to. */
  municipality: string;
  /** The agency an agency staff member works for. */
  agency?: string;
}

/** A local government code (全国地方公共団体コード): six digits, check digit included. */
export const MUNICIPALITY_CODE = /^\d{6}$/;
/** An agency's code, as cases list them (e.g. `houkatsu-kamakura`). */
export const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
/** A person's or service account's id (a token's `sub`): printable, as the audit log holds it. */
export const ACTOR_ID = /^[\x21-\x7e]{1,200}$/;
