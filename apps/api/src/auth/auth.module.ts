import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { CodecSessions } from './codec-sessions';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  providers: [TokenVerifier, CodecSessions, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifier, CodecSessions],
})
export class AuthModule {}
