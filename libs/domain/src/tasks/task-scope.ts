import type { Actor } from '../access/actor';

/**
 * Whose tasks GET /v1/tasks lists (always within the caller's municipality, on cases the access
 * policy lets the caller read):
 * - `me`: coordinators only; every open task of the cases assigned to me as coordinator
 *   (担当コーディネーター), whichever role the task names, since a coordinator may act on each.
 * - `role`: open tasks whose candidate role is one of mine, on every case I may read; managers
 *   hold no task role and oversee all, so theirs are every open task, to read, not to act on.
 * - `agency`: agency staff only; every open task of the cases my agency may read (support
 *   meeting, a meeting it was invited to, or a role in the plan with consent).
 */
export const TASK_SCOPES = ['me', 'role', 'agency'] as const;
export type TaskScope = (typeof TASK_SCOPES)[number];

const has = (actor: Actor, role: Actor['roles'][number]) => actor.roles.includes(role);

/** The scope a caller gets without asking: coordinators theirs, agency staff their agency's. */
export function defaultTaskScope(actor: Actor): TaskScope {
  if (has(actor, 'coordinator')) return 'me';
  if (has(actor, 'agency_staff') && actor.agency) return 'agency';
  return 'role';
}

/** Why the caller cannot ask for this scope, in words for a 400 naming `for`; null if they can. */
export function taskScopeProblem(actor: Actor, scope: TaskScope): string | null {
  if (scope === 'me' && !has(actor, 'coordinator')) {
    return 'for=me lists the cases assigned to you as coordinator, and you are not a coordinator; use for=role';
  }
  if (scope === 'agency' && !(has(actor, 'agency_staff') && actor.agency)) {
    return "for=agency lists your agency's tasks, and you work for no agency; use for=role";
  }
  return null;
}

/** The candidate roles whose tasks are listed for the caller in `scope`; undefined: every role. */
export function taskRolesInScope(actor: Actor, scope: TaskScope): readonly string[] | undefined {
  if (scope !== 'role' || has(actor, 'manager')) return undefined;
  return actor.roles;
}
