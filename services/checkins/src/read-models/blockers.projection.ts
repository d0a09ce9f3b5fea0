import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { BlockerEvent, BlockerTarget, Unit, WaitsOn } from '../checkins-domain';

/** A blocker as it stands, with who owned it when and its times. */
export type BlockerDocument = {
  _id: string;
  tenantId: string;
  blockerId: string;
  objectiveId: string;
  target: BlockerTarget;
  description: string;
  waitsOn: WaitsOn;
  /** Flat, for "blockers waiting on me" (FerretDB v1 matches top-level fields best). */
  waitsOnPersonId?: string;
  raisedBy: string;
  checkInId?: string;
  unit: Unit;
  ownerIds: string[];
  owners: Array<{ ownerIds: string[]; from: string }>;
  status: 'open' | 'resolved';
  /** Open and not acknowledged by its current owners: in their lists. */
  awaitingAcknowledgement: boolean;
  escalatedTo?: Unit;
  escalateAfter?: string;
  escalatedAt?: string;
  raisedAt: string;
  firstAcknowledgedAt?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  resolution?: string;
};

/** One document per blocker, from its own stream ('stream' guard). */
export const blockersProjection = defineProjection({
  name: 'checkins_blockers',
  version: 1,
  handles: ['BlockerRaised', 'BlockerAcknowledged', 'BlockerEscalated', 'BlockerResolved'],
  streamPrefixes: ['blocker-'],
  collections: [
    {
      name: 'checkins_blockers',
      guard: 'stream',
      indexes: [
        { keys: { tenantId: 1, ownerIds: 1, status: 1 }, serves: "a lead's open blockers" },
        { keys: { tenantId: 1, waitsOnPersonId: 1, status: 1 }, serves: 'blockers waiting on me' },
        { keys: { tenantId: 1, objectiveId: 1, raisedAt: -1 }, serves: "an objective's blockers" },
        { keys: { tenantId: 1, status: 1, escalateAfter: 1 }, serves: 'deadlines to escalate' },
      ],
    },
  ],
  apply: (event: RecordedEvent<BlockerEvent>, context) => {
    const id = event.data.blockerId;
    switch (event.type) {
      case 'BlockerRaised': {
        const { data } = event;
        return context.upsert('checkins_blockers', id, {
          $set: {
            blockerId: id,
            objectiveId: data.target.objectiveId,
            target: data.target,
            description: data.description,
            waitsOn: data.waitsOn,
            ...(data.waitsOn.kind === 'person' ? { waitsOnPersonId: data.waitsOn.personId } : {}),
            raisedBy: data.raisedBy,
            ...(data.checkInId === undefined ? {} : { checkInId: data.checkInId }),
            unit: data.unit,
            ownerIds: [...data.ownerIds],
            owners: [{ ownerIds: [...data.ownerIds], from: data.raisedAt }],
            status: 'open',
            awaitingAcknowledgement: true,
            ...(data.escalateAfter === undefined ? {} : { escalateAfter: data.escalateAfter }),
            raisedAt: data.raisedAt,
          },
        });
      }
      case 'BlockerAcknowledged':
        return context.update('checkins_blockers', id, {
          $set: { awaitingAcknowledgement: false },
          $min: { firstAcknowledgedAt: event.data.acknowledgedAt },
        });
      case 'BlockerEscalated':
        return context.update('checkins_blockers', id, {
          $set: {
            ownerIds: [...event.data.ownerIds],
            escalatedTo: event.data.to,
            escalatedAt: event.data.escalatedAt,
            awaitingAcknowledgement: true,
          },
          $push: { owners: { ownerIds: [...event.data.ownerIds], from: event.data.escalatedAt } },
        });
      case 'BlockerResolved':
        return context.update('checkins_blockers', id, {
          $set: {
            status: 'resolved',
            awaitingAcknowledgement: false,
            resolvedAt: event.data.resolvedAt,
            resolvedBy: event.data.resolvedBy,
            resolution: event.data.note,
          },
        });
      default:
        return assertNever(event);
    }
  },
});
