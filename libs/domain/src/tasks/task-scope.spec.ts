import type { Actor } from '../access/actor';
import { defaultTaskScope, TaskScope, taskRolesInScope, taskScopeProblem } from './task-scope';

/** Whether a task of `role` is listed for the caller in `scope`, as the listing's SQL applies it. */
const taskInScope = (actor: Actor, scope: TaskScope, role: string) =>
  taskRolesInScope(actor, scope)?.includes(role) ?? true;

const person = (roles: Actor['roles'], agency?: string): Actor => ({
  id: 'p',
  kind: 'person',
  roles,
  municipality: '142042',
  ...(agency ? { agency } : {}),
});
const coordinator = person(['coordinator']);
const staff = person(['agency_staff'], 'houkatsu-kamakura');
const manager = person(['manager']);

describe('whose tasks a caller lists', () => {
  it('gives coordinators their own cases, agency staff their agency, managers their role', () => {
    expect(defaultTaskScope(coordinator)).toBe('me');
    expect(defaultTaskScope(staff)).toBe('agency');
    expect(defaultTaskScope(manager)).toBe('role');
  });

  it('refuses for=me to those who are not coordinators and for=agency to those of no agency', () => {
    expect(taskScopeProblem(staff, 'me')).toMatch(/^for=me /);
    expect(taskScopeProblem(manager, 'me')).toMatch(/^for=me /);
    expect(taskScopeProblem(coordinator, 'agency')).toMatch(/^for=agency /);
    expect(taskScopeProblem(person(['agency_staff']), 'agency')).toMatch(/^for=agency /);
    expect(taskScopeProblem(coordinator, 'me')).toBeNull();
    expect(taskScopeProblem(staff, 'agency')).toBeNull();
    expect(taskScopeProblem(manager, 'role')).toBeNull();
  });

  it("lists by role only the tasks of the caller's roles; managers see every task", () => {
    expect(taskInScope(staff, 'role', 'agency_staff')).toBe(true);
    expect(taskInScope(staff, 'role', 'coordinator')).toBe(false);
    expect(taskInScope(coordinator, 'role', 'agency_staff')).toBe(false);
    expect(taskInScope(manager, 'role', 'coordinator')).toBe(true);
    expect(taskInScope(coordinator, 'me', 'agency_staff')).toBe(true);
    expect(taskInScope(staff, 'agency', 'coordinator')).toBe(true);
  });
});
