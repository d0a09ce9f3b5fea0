import { Module } from '@nestjs/common';
import { VisibilityGate } from './visibility.gate';

/**
 * The visibility gate, once per app, for the commands and the queries alike. Needs ORG_DIRECTORY
 * from a global module (the org directory).
 */
@Module({ providers: [VisibilityGate], exports: [VisibilityGate] })
export class VisibilityModule {}
