import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parse } from 'cookie';
import type { Actor } from '@sss/domain';
import { ACCEPTS_CODEC_COOKIE, AuthenticatedRequest, CODEC_COOKIE } from './request-context';
import { CodecSessions } from './codec-sessions';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/**
 * Who a request comes from: the actor its bearer token (or, where a route accepts it, the codec
 * cookie's signed session) proves, or nobody. Verified once per request and shared by the rate limiter, which
 * counts per caller, and the auth guard, which refuses nobody.
 */
@Injectable()
export class Authenticator {
  private readonly callers = new WeakMap<object, Promise<Actor | undefined>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly sessions: CodecSessions,
  ) {}

  caller(context: ExecutionContext): Promise<Actor | undefined> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    let caller = this.callers.get(req);
    if (!caller) {
      caller = this.identify(context, req);
      this.callers.set(req, caller);
    }
    return caller;
  }

  private async identify(
    context: ExecutionContext,
    req: AuthenticatedRequest,
  ): Promise<Actor | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) {
      const targets = [context.getHandler(), context.getClass()];
      const cookie = this.reflector.getAllAndOverride<boolean>(ACCEPTS_CODEC_COOKIE, targets)
        ? parse(req.headers.cookie ?? '')[CODEC_COOKIE]
        : undefined;
      return cookie ? this.sessions.read(cookie) : undefined;
    }
    try {
      return (await this.verifier.verify(token)).actor;
    } catch (error) {
      if (error instanceof InvalidTokenError) return undefined;
      throw error;
    }
  }
}
