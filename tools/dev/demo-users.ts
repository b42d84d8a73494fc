import type { TokenSubject } from './dev-issuer';

const KAMAKURA = '142042';

/** One demo user per role in Kamakura, and a service account for a machine client. */
export const DEMO_USERS: Record<string, TokenSubject> = {
  coordinator: { id: 'demo-coordinator', roles: ['coordinator'], municipality: KAMAKURA },
  agency_staff: {
    id: 'demo-agency-staff',
    roles: ['agency_staff'],
    municipality: KAMAKURA,
    agency: 'houkatsu-kamakura',
  },
  manager: { id: 'demo-manager', roles: ['manager'], municipality: KAMAKURA },
  auditor: { id: 'demo-auditor', roles: ['auditor'], municipality: KAMAKURA },
  administrator: { id: 'demo-administrator', roles: ['administrator'], municipality: KAMAKURA },
  service: { id: 'svc-intake', roles: ['coordinator'], municipality: KAMAKURA, service: true },
};
