import { expectEventually } from '@rhythm/testing';
import { ORG_DIRECTORY, type OrgDirectory } from '../application/org-directory.port';
import { OrgHistory } from '@rhythm/org-directory/testing';
import { publishToTopic } from '@rhythm/org-directory/testing';
import type { GoalsTestApp } from './goals-test-app';

/**
 * Makes these subjects people of a new organisation for the goals service, as the org topic
 * would (docs/adr/0032: only a person of the organisation may act), and waits until its org
 * directory knows them. Returns the organisation's topic history, for more events.
 */
export const peopleOfTheOrganisation = async (
  goals: GoalsTestApp,
  tenantId: string,
  personIds: readonly string[],
): Promise<OrgHistory> => {
  const org = new OrgHistory(tenantId);
  await publishToTopic(goals.kafka, goals.config.ORG_EVENTS_TOPIC, [
    org.established(),
    ...personIds.map((personId) => org.personJoined(personId)),
  ]);
  const directory = goals.app.get<OrgDirectory>(ORG_DIRECTORY);
  await expectEventually(
    async () => {
      for (const id of personIds) {
        expect([id, await directory.ownerExists(tenantId, { kind: 'person', id })]).toEqual([
          id,
          true,
        ]);
      }
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  return org;
};
