import { type DynamicModule, Module } from '@nestjs/common';
import {
  InProcessOrgDirectory,
  OrgDirectoryChanges,
  OrgDirectoryProjector,
  OrgDirectoryStore,
} from '@rhythm/org-directory';
import type { Connection } from 'mongoose';
import { ORG_DIRECTORY } from '../application/org-directory.port';
import { GOALS_READ_STORE } from '../infrastructure/goals-tokens';
import {
  ORG_DIRECTORY_OPTIONS,
  OrgDirectoryConsumer,
  type OrgDirectoryOptions,
} from './org-directory.consumer';
import { OrgDirectoryReadModel } from './org-directory.read-model';

/**
 * What the goals service knows of the organisation, from the org topic only: the shared
 * `@rhythm/org-directory` on the goals read store, followed by goals' own consumer. Provides
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
    // Plain classes of the lib: built here, so the lib needs no Nest metadata.
    { provide: OrgDirectoryChanges, useFactory: () => new OrgDirectoryChanges() },
    {
      provide: OrgDirectoryProjector,
      useFactory: (store: OrgDirectoryStore, changes: OrgDirectoryChanges) =>
        new OrgDirectoryProjector(store, changes),
      inject: [OrgDirectoryStore, OrgDirectoryChanges],
    },
    {
      // Another replica's change is seen within its default 250 ms (ADR 0044).
      provide: InProcessOrgDirectory,
      useFactory: (store: OrgDirectoryStore, changes: OrgDirectoryChanges) =>
        new InProcessOrgDirectory(store, changes),
      inject: [OrgDirectoryStore, OrgDirectoryChanges],
    },
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
