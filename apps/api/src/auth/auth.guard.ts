import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parse } from 'cookie';
import {
  ACCEPTS_CODEC_COOKIE,
  AuthenticatedRequest,
  CODEC_COOKIE,
  IS_PUBLIC,
} from './request-context';
import { InvalidTokenError, TokenVerifier, UNAUTHENTICATED } from './token-verifier';

/** Every route needs a valid bearer token unless it is marked public: 401 otherwise. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token =
      bearerToken(req.headers.authorization) ??
      (this.reflector.getAllAndOverride<boolean>(ACCEPTS_CODEC_COOKIE, targets)
        ? parse(req.headers.cookie ?? '')[CODEC_COOKIE]
        : undefined);
    if (!token) throw new UnauthorizedException(UNAUTHENTICATED);
    try {
      req.actor = (await this.verifier.verify(token)).actor;
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(UNAUTHENTICATED);
      throw error;
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
