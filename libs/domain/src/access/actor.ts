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
