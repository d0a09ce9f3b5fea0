import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import { ORG_DIRECTORY, type OrgDirectory } from '../org-directory.port';
import { viewerOf, type Viewer } from './objective-visibility.policy';

/** Who reads, in which organisation: every query takes one. */
export type Reader = Readonly<{ tenantId: TenantId; viewer: Viewer }>;

/** Turns the authenticated caller into a Reader: tenant from the token, memberships from the directory. */
@Injectable()
export class GoalsReaders {
  constructor(@Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory) {}

  async readerOf(actor: AuthenticatedActor): Promise<Reader> {
    const person = await this.directory.person(actor.tenantId, actor.personId);
    return {
      tenantId: TenantId.of(actor.tenantId),
      viewer: viewerOf(actor.personId, actor.roles, person),
    };
  }
}
