import { type DynamicModule, Module } from '@nestjs/common';
import type { GoalsConfiguration } from './goals-configuration';
import { GoalsInfrastructureModule } from './infrastructure/goals-infrastructure.module';

/**
 * The goals bounded context: cycles, objectives, key results, alignment, proposals, ambitions,
 * reviews and scoring.
 */
@Module({})
export class GoalsModule {
  static forRoot(config: GoalsConfiguration): DynamicModule {
    return {
      module: GoalsModule,
      imports: [
        GoalsInfrastructureModule.forRoot(config),
        // TO WIRE: OrgDirectoryModule (org-directory/) and GoalsReadModelsModule (read-models/).
      ],
      controllers: [],
      providers: [],
    };
  }
}
