import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { Authenticator } from './authenticator';

/**
 * One budget per caller across all routes (not one per route, which gave an address some 38
 * times the limit): the token's subject, or the address when the request proves no one. It runs
 * before authentication, so a flood of bad tokens is limited too, by address.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(
    req: Record<string, unknown>,
    context?: ExecutionContext,
  ): Promise<string> {
    const caller = context ? await this.authenticator.caller(context) : undefined;
    return caller ? `caller:${caller.municipality}:${caller.id}` : `address:${String(req.ip)}`;
  }

  protected override generateKey(_: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }
}
