import { type DynamicModule, Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ORG_DIRECTORY } from '../application/org-directory.port';
import { GOALS_READ_STORE } from '../infrastructure/goals-tokens';
import { OrgDirectoryChanges } from './org-directory.changes';
import {
  ORG_DIRECTORY_OPTIONS,
  OrgDirectoryConsumer,
  type OrgDirectoryOptions,
} from './org-directory.consumer';
import { OrgDirectoryProjector } from './org-directory.projector';
import { OrgDirectoryReadModel } from './org-directory.read-model';
import { OrgDirectoryStore } from './org-directory.store';

/**
 * What the goals service knows of the organisation, from the org topic only. Provides
 * ORG_DIRECTORY; needs GOALS_READ_STORE, GOALS_KAFKA and GOALS_CONFIGURATION from the (global)
 * goals infrastructure module. Import it as is, or through forRoot(options) to change the group.
 */
@Module({
  providers: [
    {
      provide: OrgDirectoryStore,
      useFactory: (connection: Connection) => new OrgDirectoryStore(connection),
      inject: [GOALS_READ_STORE],
    },
    OrgDirectoryChanges,
    OrgDirectoryProjector,
    OrgDirectoryReadModel,
    { provide: ORG_DIRECTORY, useExisting: OrgDirectoryReadModel },
    OrgDirectoryConsumer,
  ],
  exports: [ORG_DIRECTORY, OrgDirectoryConsumer],
})
export class OrgDirectoryModule {
  static forRoot(options: OrgDirectoryOptions = {}): DynamicModule {
    return {
      module: OrgDirectoryModule,
      providers: [{ provide: ORG_DIRECTORY_OPTIONS, useValue: options }],
    };
  }
}
