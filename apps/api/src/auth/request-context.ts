import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@sss/domain';

/** Who is asking, and in which request: what every audit entry needs. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
}

export type AuthenticatedRequest = Request & { actor?: Actor; id?: unknown };

export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.actor) throw new Error('route is public: it has no request context');
  return { actor: req.actor, requestId: String(req.id) };
});

export const IS_PUBLIC = 'isPublic';
/** A route anyone may call (health, API docs, the codec sign-in page). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ACCEPTS_CODEC_COOKIE = 'acceptsCodecCookie';
/**
 * A route the Temporal Web UI calls from the browser: besides a bearer token it accepts the
 * codec session cookie, since the UI cannot send a token of its own without its own sign-in.
 */
export const AcceptsCodecCookie = () => SetMetadata(ACCEPTS_CODEC_COOKIE, true);
export const CODEC_COOKIE = 'sss_codec';
