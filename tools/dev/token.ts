/**
 * `make token ROLE=… [MUNICIPALITY=…] [AGENCY=…]`: prints a bearer token of a demo user of any
 * seeded municipality for the running `make up` (Kamakura's by default).
 */
import path from 'node:path';
import { demoUsers } from './demo-users';
import { devIssuer } from './dev-issuer';
import { DATA_DIR } from './paths';
import { DEMO_MUNICIPALITIES } from './payload-keys';

async function main(): Promise<void> {
  const [role = '', municipality, agency] = process.argv.slice(2).map((a) => a || undefined);
  let users;
  try {
    users = demoUsers(municipality);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const user = users[role];
  if (!user) {
    process.stderr.write(
      `usage: make token ROLE=<${Object.keys(users).join('|')}> [MUNICIPALITY=<${DEMO_MUNICIPALITIES.join('|')}>] [AGENCY=<agency code, for agency_staff>]\n`,
    );
    process.exit(2);
  }
  const issuer = await devIssuer(path.join(DATA_DIR, 'auth/dev-issuer.jwk'));
  const subject = agency && user.agency ? { ...user, agency } : user;
  process.stdout.write(`${await issuer.sign(subject)}\n`);
}

void main();
