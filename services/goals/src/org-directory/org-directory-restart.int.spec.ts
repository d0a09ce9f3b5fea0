import type { INestApplicationContext } from '@nestjs/common';
import { OrgHistory } from '@rhythm/org-directory/testing';
import { expectEventually, uniqueName } from '@rhythm/testing';
import { ORG_DIRECTORY, type OrgDirectory } from '../application/org-directory.port';
import { orgDirectoryDefaults } from './org-directory.consumer';
import {
  orgDirectoryTestWorld,
  type OrgDirectoryTestWorld,
} from './testing/org-directory-test-app';
import { publishToTopic } from '@rhythm/org-directory/testing';

jest.setTimeout(120_000);

describe('OrgDirectoryModule across a restart of the goals service', () => {
  let world: OrgDirectoryTestWorld;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    world = await orgDirectoryTestWorld();
  });

  afterAll(async () => {
    await app?.close();
    await world?.dispose();
  });

  it('drains on close, and the next instance of the group goes on from where it stopped', async () => {
    const org = new OrgHistory(uniqueName('tenant'));
    const groupId = uniqueName('goals_org_directory');
    const publish = (...events: Parameters<typeof publishToTopic>[2]) =>
      publishToTopic(world.kafka, world.topic, events);
    const inbox = world.connection.collection(orgDirectoryDefaults.inboxCollection);

    app = await world.boot({ groupId });
    let directory = app.get<OrgDirectory>(ORG_DIRECTORY);
    const before = [org.tribeFormed('payments'), org.personJoined('ann')];
    await publish(...before);
    await expectEventually(
      async () => expect((await directory.person(org.tenantId, 'ann'))?.status).toBe('active'),
      { timeoutMs: 30_000 },
    );
    await app.close();
    app = undefined;

    // While no instance runs.
    const during = [org.squadFormed('checkout', 'payments'), org.joinedSquad('ann', 'checkout')];
    await publish(...during);

    app = await world.boot({ groupId });
    directory = app.get<OrgDirectory>(ORG_DIRECTORY);
    await expectEventually(
      async () =>
        expect(await directory.person(org.tenantId, 'ann')).toMatchObject({
          squadId: 'checkout',
          tribeIds: ['payments'],
        }),
      { timeoutMs: 30_000 },
    );
    // The inbox records an event after its effect: the last one may land a moment later.
    await expectEventually(async () => {
      const handled = await inbox
        .find({ consumer: orgDirectoryDefaults.consumer }, { projection: { eventId: 1 } })
        .toArray();
      expect(handled.map((entry) => String(entry.eventId)).sort()).toEqual(
        [...before, ...during].map((event) => event.eventId).sort(),
      );
    });
  });
});
