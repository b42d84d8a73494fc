import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticator } from './authenticator';
import { AuthenticatedRequest, IS_PUBLIC } from './request-context';
import { UNAUTHENTICATED } from './token-verifier';

/** Every route needs a valid bearer token unless it is marked public: the one 401 otherwise. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const actor = await this.authenticator.caller(context);
    if (!actor) throw new UnauthorizedException(UNAUTHENTICATED);
    context.switchToHttp().getRequest<AuthenticatedRequest>().actor = actor;
    return true;
  }
}
