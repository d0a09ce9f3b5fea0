import type { INestApplicationContext } from '@nestjs/common';
import { OrgHistory, publishToTopic } from '@rhythm/org-directory/testing';
import { expectEventually, uniqueName } from '@rhythm/testing';
import { ORG_DIRECTORY, type OrgDirectory } from '../application/org-directory.port';
import {
  orgDirectoryTestWorld,
  type OrgDirectoryTestWorld,
} from './testing/org-directory-test-app';

jest.setTimeout(120_000);

/**
 * Two replicas of the goals service in one consumer group (ADR 0044): each consumer applies the
 * org events of its partitions only, and each replica answers from its own in-process copy of
 * the directory. A change applied by one replica reaches the other's copy through the tenant's
 * mark: an appointment (one stream, so one partition, so one replica applies it) is seen by both.
 */
describe('the org directory of two replicas in one consumer group', () => {
  let world: OrgDirectoryTestWorld;
  let replicas: INestApplicationContext[] = [];

  beforeAll(async () => {
    world = await orgDirectoryTestWorld();
    const groupId = uniqueName('goals_org_directory');
    replicas = [await world.boot({ groupId }), await world.boot({ groupId })];
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await world?.dispose();
  });

  const directories = () => replicas.map((replica) => replica.get<OrgDirectory>(ORG_DIRECTORY));
  const eventually = (assertion: () => Promise<void>) =>
    expectEventually(assertion, { timeoutMs: 60_000, intervalMs: 100 });

  it('shows a lead appointed through one replica in the commands of both', async () => {
    const org = new OrgHistory(uniqueName('tenant'));
    await publishToTopic(world.kafka, world.topic, [
      org.established('Acme'),
      org.tribeFormed('payments', 'Payments'),
      org.guildFormed('testing', 'Testing'),
      org.personJoined('ann', 'Ann'),
      org.personJoined('bob', 'Bob'),
    ]);
    for (const directory of directories()) {
      await eventually(async () =>
        expect(await directory.ownerExists(org.tenantId, { kind: 'guild', id: 'testing' })).toBe(
          true,
        ),
      );
      // Each replica holds its copy of the organisation from here on.
      expect((await directory.actorFor(org.tenantId, 'ann', ['member'])).leads).toEqual([]);
      await eventually(async () =>
        expect(await directory.ownerExists(org.tenantId, { kind: 'person', id: 'bob' })).toBe(true),
      );
    }

    await publishToTopic(world.kafka, world.topic, [
      org.coordinatorAdded('testing', 'ann'),
      org.tribeLeadAppointed('payments', 'bob'),
    ]);
    for (const directory of directories()) {
      await eventually(async () => {
        expect((await directory.actorFor(org.tenantId, 'ann', ['member'])).leads).toEqual([
          { kind: 'guild', id: 'testing' },
        ]);
        expect((await directory.actorFor(org.tenantId, 'bob', ['member'])).leads).toEqual([
          { kind: 'tribe', id: 'payments' },
        ]);
      });
    }
  });
});
