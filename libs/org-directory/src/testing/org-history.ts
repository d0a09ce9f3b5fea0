import { randomUUID } from 'node:crypto';
import {
  chapterDissolvedV1,
  chapterFormedV1,
  chapterLeadAppointedV1,
  guildCoordinatorAddedV1,
  guildCoordinatorRemovedV1,
  guildFormedV1,
  organisationEstablishedV1,
  personJoinedChapterV1,
  personJoinedGuildV1,
  personJoinedSquadV1,
  personErasedV1,
  personJoinedV1,
  personLeftChapterV1,
  personLeftGuildV1,
  personLeftSquadV1,
  personLeftV1,
  productOwnerAppointedV1,
  squadDissolvedV1,
  squadFormedV1,
  squadMovedV1,
  tribeFormedV1,
  tribeLeadAppointedV1,
  type DataSchema,
  type IntegrationEnvelope,
  type IntegrationEventDefinition,
} from '@rhythm/contracts';
import type { z } from 'zod';
import type { OrgIntegrationEvent } from '../org-directory.evolve';

export type OrgStreamKind = 'organisation' | 'person' | 'tribe' | 'squad' | 'chapter' | 'guild';

const formedAt = '2026-01-05T09:00:00.000Z';

/**
 * The org topic of one organisation as the org relay publishes it: envelopes built by the
 * contracts themselves (data validated), stream ids as in docs/events/org.md, revisions counted
 * per stream, global positions increasing.
 */
export class OrgHistory {
  private readonly revisions = new Map<string, number>();
  private position = 0n;

  constructor(readonly tenantId: string) {}

  streamId(kind: OrgStreamKind, id?: string): string {
    return kind === 'organisation'
      ? `organisation-${this.tenantId}`
      : `${kind}-${this.tenantId}.${id ?? ''}`;
  }

  /** The next event of the stream of (kind, id). */
  on<Type extends string, Schema extends DataSchema>(
    kind: OrgStreamKind,
    id: string,
    definition: IntegrationEventDefinition<Type, Schema>,
    data: z.input<Schema>,
  ): OrgIntegrationEvent {
    const streamId = this.streamId(kind, id);
    const streamRevision = this.revisions.get(streamId) ?? 0;
    this.revisions.set(streamId, streamRevision + 1);
    this.position += 1n;
    const occurredAt = new Date().toISOString();
    const envelope: IntegrationEnvelope = definition.envelope(
      {
        type: definition.type,
        data: {},
        streamId,
        streamRevision,
        globalPosition: this.position,
        recordedAt: new Date(occurredAt),
        metadata: {
          eventId: randomUUID(),
          tenantId: this.tenantId,
          actor: 'admin-1',
          correlationId: randomUUID(),
          causationId: randomUUID(),
          occurredAt,
        },
      },
      data,
    );
    return envelope as OrgIntegrationEvent;
  }

  established(name = 'Acme') {
    return this.on('organisation', this.tenantId, organisationEstablishedV1, {
      organisationId: this.tenantId,
      name,
    });
  }

  tribeFormed(tribeId: string, name = tribeId) {
    return this.on('tribe', tribeId, tribeFormedV1, { tribeId, name, mission: `${name} mission` });
  }

  tribeLeadAppointed(tribeId: string, personId: string, previousLeadId: string | null = null) {
    return this.on('tribe', tribeId, tribeLeadAppointedV1, { tribeId, personId, previousLeadId });
  }

  squadFormed(squadId: string, tribeId: string, name = squadId) {
    return this.on('squad', squadId, squadFormedV1, {
      squadId,
      tribeId,
      name,
      mission: `${name} mission`,
      formedAt,
    });
  }

  productOwnerAppointed(squadId: string, personId: string, previous: string | null = null) {
    return this.on('squad', squadId, productOwnerAppointedV1, {
      squadId,
      personId,
      previousProductOwnerId: previous,
    });
  }

  squadMoved(squadId: string, fromTribeId: string, toTribeId: string) {
    return this.on('squad', squadId, squadMovedV1, {
      squadId,
      fromTribeId,
      toTribeId,
      effectiveAt: new Date().toISOString(),
    });
  }

  squadDissolved(squadId: string) {
    return this.on('squad', squadId, squadDissolvedV1, { squadId, reason: 'mission done' });
  }

  chapterFormed(chapterId: string, tribeId: string, name = chapterId) {
    return this.on('chapter', chapterId, chapterFormedV1, {
      chapterId,
      tribeId,
      name,
      craft: 'backend',
    });
  }

  chapterLeadAppointed(chapterId: string, personId: string, previousLeadId: string | null = null) {
    return this.on('chapter', chapterId, chapterLeadAppointedV1, {
      chapterId,
      personId,
      previousLeadId,
    });
  }

  chapterDissolved(chapterId: string) {
    return this.on('chapter', chapterId, chapterDissolvedV1, { chapterId, reason: 'merged' });
  }

  guildFormed(guildId: string, name = guildId) {
    return this.on('guild', guildId, guildFormedV1, { guildId, name, interest: 'craft' });
  }

  coordinatorAdded(guildId: string, personId: string) {
    return this.on('guild', guildId, guildCoordinatorAddedV1, { guildId, personId });
  }

  coordinatorRemoved(guildId: string, personId: string) {
    return this.on('guild', guildId, guildCoordinatorRemovedV1, { guildId, personId });
  }

  personJoined(personId: string, name = personId) {
    return this.on('person', personId, personJoinedV1, { personId, name });
  }

  personLeft(personId: string, reason = 'moved abroad') {
    return this.on('person', personId, personLeftV1, { personId, reason });
  }

  personErased(personId: string) {
    return this.on('person', personId, personErasedV1, { personId });
  }

  joinedSquad(personId: string, squadId: string, previousSquadId: string | null = null) {
    return this.on('person', personId, personJoinedSquadV1, { personId, squadId, previousSquadId });
  }

  leftSquad(personId: string, squadId: string) {
    return this.on('person', personId, personLeftSquadV1, {
      personId,
      squadId,
      cause: 'left-organisation',
    });
  }

  joinedChapter(personId: string, chapterId: string, tribeId: string) {
    return this.on('person', personId, personJoinedChapterV1, { personId, chapterId, tribeId });
  }

  leftChapter(personId: string, chapterId: string) {
    return this.on('person', personId, personLeftChapterV1, {
      personId,
      chapterId,
      cause: 'left-organisation',
    });
  }

  joinedGuild(personId: string, guildId: string) {
    return this.on('person', personId, personJoinedGuildV1, { personId, guildId });
  }

  leftGuild(personId: string, guildId: string) {
    return this.on('person', personId, personLeftGuildV1, {
      personId,
      guildId,
      cause: 'left-organisation',
    });
  }
}
