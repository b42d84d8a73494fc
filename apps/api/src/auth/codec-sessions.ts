import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiEnvironment } from '@sss/config';
import type { Actor } from '@sss/domain';

/** A codec session outlives no token and no working day. */
const MAX_SESSION_MS = 8 * 60 * 60 * 1000;

interface Session {
  actor: Actor;
  exp: number;
}

/**
 * The codec cookie's content: a session signed by the API (HMAC-SHA256), holding the manager's
 * actor and an expiry, never the bearer token itself, which would be good for every endpoint.
 * With several API replicas they share CODEC_SESSION_SECRET; without it each makes its own.
 */
@Injectable()
export class CodecSessions {
  private readonly key: Buffer;

  constructor(env: ApiEnvironment) {
    this.key = env.CODEC_SESSION_SECRET
      ? Buffer.from(env.CODEC_SESSION_SECRET, 'base64')
      : randomBytes(32);
  }

  issue(actor: Actor, tokenExpiresAt: Date): { value: string; expiresAt: Date } {
    const expiresAt = new Date(Math.min(tokenExpiresAt.getTime(), Date.now() + MAX_SESSION_MS));
    const body = Buffer.from(JSON.stringify({ actor, exp: expiresAt.getTime() })).toString(
      'base64url',
    );
    return { value: `${body}.${this.sign(body)}`, expiresAt };
  }

  /** The session's actor; undefined for a forged, altered or expired cookie. */
  read(value: string): Actor | undefined {
    const [body, signature, ...rest] = value.split('.');
    if (!body || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const session = JSON.parse(Buffer.from(body, 'base64url').toString()) as Session;
    return session.exp > Date.now() ? session.actor : undefined;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
