import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenVerifier, type IdentityConfig } from './access-token-verifier';
import { JwtAuthGuard } from './jwt-auth.guard';

/** Verifies every HTTP request's bearer token (global JwtAuthGuard). Import once, in the root. */
@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      providers: [
        { provide: AccessTokenVerifier, useFactory: () => new AccessTokenVerifier(config) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [AccessTokenVerifier],
    };
  }
}
