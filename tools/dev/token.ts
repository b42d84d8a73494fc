/** `make token ROLE=…`: prints a bearer token of a demo user for the running `make up`. */
import path from 'node:path';
import { DEMO_USERS } from './demo-users';
import { devIssuer } from './dev-issuer';
import { DATA_DIR } from './paths';

async function main(): Promise<void> {
  const role = process.argv[2] ?? '';
  const user = DEMO_USERS[role];
  if (!user) {
    process.stderr.write(`usage: make token ROLE=<${Object.keys(DEMO_USERS).join('|')}>\n`);
    process.exit(2);
  }
  const issuer = await devIssuer(path.join(DATA_DIR, 'auth/dev-issuer.jwk'));
  process.stdout.write(`${await issuer.sign(user)}\n`);
}

void main();
