import type { TokenSubject } from './dev-issuer';
import { DEMO_MUNICIPALITIES } from './payload-keys';

const KAMAKURA = '142042';
/** The agency a demo agency-staff user works for, per seeded municipality. */
const DEMO_AGENCY: Record<(typeof DEMO_MUNICIPALITIES)[number], string> = {
  '142042': 'houkatsu-kamakura',
  '122173': 'houkatsu-kashiwa',
};

/**
 * One demo user per role in a seeded municipality (Kamakura by default), and a service account
 * for a machine client. Ids carry the municipality outside Kamakura, so the audit log tells them apart.
 */
export function demoUsers(municipality: string = KAMAKURA): Record<string, TokenSubject> {
  if (!(DEMO_MUNICIPALITIES as readonly string[]).includes(municipality)) {
    throw new Error(
      `municipality ${municipality} is not seeded; one of ${DEMO_MUNICIPALITIES.join(', ')}`,
    );
  }
  const id = (name: string) => (municipality === KAMAKURA ? name : `${name}-${municipality}`);
  const agency = DEMO_AGENCY[municipality as keyof typeof DEMO_AGENCY];
  return {
    coordinator: { id: id('demo-coordinator'), roles: ['coordinator'], municipality },
    agency_staff: { id: id('demo-agency-staff'), roles: ['agency_staff'], municipality, agency },
    manager: { id: id('demo-manager'), roles: ['manager'], municipality },
    auditor: { id: id('demo-auditor'), roles: ['auditor'], municipality },
    administrator: { id: id('demo-administrator'), roles: ['administrator'], municipality },
    service: { id: id('svc-intake'), roles: ['coordinator'], municipality, service: true },
  };
}

/** Kamakura's demo users, which `make up` seeds its demo cases with. */
export const DEMO_USERS = demoUsers();
