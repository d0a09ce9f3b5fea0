import { randomUUID } from 'node:crypto';
import type { OrgApiClient } from './org-api.client';
import { orgToken } from './org-service.process';

export type FoundedOrganisation = Readonly<{
  /** The first admin, a person of the organisation. */
  adminId: string;
  /** The API as that admin (roles admin and member). */
  admin: OrgApiClient;
  /** The API as the founder: an admin who is not a person of the organisation. */
  founder: OrgApiClient;
}>;

/**
 * An organisation set up as a new one is (docs/adr/0032): its founder, an admin who is not a
 * person of it, establishes it and registers its first admin; from then on that admin, a person
 * of the organisation, acts.
 */
export const foundOrganisation = async (
  api: OrgApiClient,
  tenantId: string,
  names: Readonly<{ organisation?: string; admin?: string }> = {},
): Promise<FoundedOrganisation> => {
  const founder = api.as(orgToken({ personId: randomUUID(), tenantId, roles: ['admin'] }));
  const admin = names.admin ?? 'Ada';
  const steps = [
    () => founder.post('/organisation', { name: names.organisation ?? 'Acme' }),
    () => founder.post('/people', { name: admin, email: `${admin.toLowerCase()}@acme.test` }),
  ];
  let adminId = '';
  for (const step of steps) {
    const { status, body } = await step();
    if (status !== 201) {
      throw new Error(`Founding ${tenantId}: ${status} ${JSON.stringify(body)}`);
    }
    adminId = body.id;
  }
  return {
    adminId,
    admin: api.as(orgToken({ personId: adminId, tenantId, roles: ['admin', 'member'] })),
    founder,
  };
};
