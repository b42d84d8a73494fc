import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { CallerThrottlerGuard } from './caller-throttler.guard';
import { CodecSessions } from './codec-sessions';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  providers: [
    TokenVerifier,
    CodecSessions,
    Authenticator,
    // In this order: the rate limit counts refused requests too.
    { provide: APP_GUARD, useClass: CallerThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier, CodecSessions],
})
export class AuthModule {}
