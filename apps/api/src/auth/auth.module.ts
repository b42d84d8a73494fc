import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { CallerThrottlerGuard } from './caller-throttler.guard';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  providers: [
    TokenVerifier,
    Authenticator,
    // In this order: the rate limit counts refused requests too.
    { provide: APP_GUARD, useClass: CallerThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
