import { randomBytes } from 'node:crypto';

/** The demo municipalities: Kamakura and Kashiwa, each with a key ring of its own. */
export const DEMO_MUNICIPALITIES = ['142042', '122173'] as const;

/** Fresh `PAYLOAD_KEYS` for the demo municipalities: one key each, `dev1`. */
export function newDemoPayloadKeys(): string {
  return DEMO_MUNICIPALITIES.map((m) => `${m}:dev1:${randomBytes(32).toString('base64')}`).join(
    ',',
  );
}
