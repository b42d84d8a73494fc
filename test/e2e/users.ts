import type { TokenSubject } from '../../tools/dev/dev-issuer';

export const KAMAKURA = '142042';
export const KASHIWA = '122173';

/** The people of the access matrix: one per role, plus the cases that must be refused. */
export const USERS = {
  coordinator: { id: 'coord-1', roles: ['coordinator'], municipality: KAMAKURA },
  memberStaff: {
    id: 'staff-member',
    roles: ['agency_staff'],
    municipality: KAMAKURA,
    agency: 'houkatsu-kamakura',
  },
  otherStaff: {
    id: 'staff-other',
    roles: ['agency_staff'],
    municipality: KAMAKURA,
    agency: 'kikan-soudan',
  },
  manager: { id: 'manager-1', roles: ['manager'], municipality: KAMAKURA },
  otherManager: { id: 'manager-kashiwa', roles: ['manager'], municipality: KASHIWA },
  auditor: { id: 'auditor-1', roles: ['auditor'], municipality: KAMAKURA },
  administrator: { id: 'admin-1', roles: ['administrator'], municipality: KAMAKURA },
  service: { id: 'svc-intake', roles: ['coordinator'], municipality: KAMAKURA, service: true },
} satisfies Record<string, TokenSubject>;
export type UserName = keyof typeof USERS;
