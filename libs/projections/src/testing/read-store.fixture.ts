import type { EventStore } from '@rhythm/event-sourcing';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { idOfKey } from '../document-key';
import { physicalCollectionName } from '../projection-generations';
import type { ReadModelCollectionSpec } from '../projection';
import {
  orgEvent,
  squadStream,
  tribeStream,
  type MemberJoinedSquad,
  type MemberLeftSquad,
  type SquadDissolved,
  type SquadFormed,
  type TribeFormed,
  type TribeRenamed,
} from './org-events';

/** A database of its own on the real read store (FerretDB here, MongoDB elsewhere). */
export const openReadStore = async (): Promise<
  Readonly<{ connection: Connection; name: string; drop(): Promise<void> }>
> => {
  const name = uniqueName('projections');
  const url = new URL(testInfrastructure.mongoUrl());
  url.pathname = `/${name}`;
  const connection = await mongoose.createConnection(url.toString()).asPromise();
  return {
    connection,
    name,
    drop: async () => {
      await connection.db?.dropDatabase();
      await connection.close();
    },
  };
};

/**
 * Every document of every collection of one generation, sorted, as stored (guard fields too),
 * except `_id`: the id `apply` chose, without the tenant the key adds (its `tenantId` says it).
 */
export const snapshot = async (
  connection: Connection,
  projection: Readonly<{ collections: readonly ReadModelCollectionSpec[] }>,
  generation = 1,
): Promise<Record<string, unknown[]>> => {
  const result: Record<string, unknown[]> = {};
  for (const { name } of projection.collections) {
    const stored = await connection
      .db!.collection(physicalCollectionName(name, generation))
      .find({})
      .sort({ _id: 1 })
      .toArray();
    result[name] = stored.map((document) => ({
      ...document,
      _id: idOfKey(String(document.tenantId), String(document._id)),
    }));
  }
  return result;
};

export type OrgShape = Readonly<{
  tribes: number;
  squadsPerTribe: number;
  membersPerSquad: number;
}>;

/**
 * Appends a history whose streams interleave in the global order: tribes form, their squads form,
 * people join squads round-robin, each tribe is renamed, the first member of each squad leaves and
 * the last squad of each tribe is dissolved.
 */
export const appendOrgHistory = async (
  store: EventStore,
  tenantId: string,
  shape: OrgShape,
  idPrefix = 't',
): Promise<number> => {
  let appended = 0;
  const append = async (streamId: string, event: Parameters<EventStore['append']>[1][number]) => {
    await store.append(streamId, [event], { expectedRevision: 'any' });
    appended += 1;
  };
  const tribeIds = range(shape.tribes).map((t) => `${idPrefix}${t}`);
  const squadsOf = (tribeId: string) => range(shape.squadsPerTribe).map((s) => `${tribeId}-s${s}`);
  for (const tribeId of tribeIds) {
    await append(
      tribeStream(tribeId),
      orgEvent<TribeFormed>(tenantId, 'TribeFormed', { tribeId, name: `Tribe ${tribeId}` }),
    );
  }
  for (const tribeId of tribeIds) {
    for (const squadId of squadsOf(tribeId)) {
      await append(
        squadStream(squadId),
        orgEvent<SquadFormed>(tenantId, 'SquadFormed', {
          squadId,
          tribeId,
          name: `Squad ${squadId}`,
          mission: `Mission of ${squadId}`,
        }),
      );
    }
  }
  for (const member of range(shape.membersPerSquad)) {
    for (const tribeId of tribeIds) {
      for (const squadId of squadsOf(tribeId)) {
        await append(
          squadStream(squadId),
          orgEvent<MemberJoinedSquad>(tenantId, 'MemberJoinedSquad', {
            squadId,
            tribeId,
            personId: `${squadId}-p${member}`,
            role: member === 0 ? 'product-owner' : 'engineer',
          }),
        );
      }
    }
  }
  for (const tribeId of tribeIds) {
    await append(
      tribeStream(tribeId),
      orgEvent<TribeRenamed>(tenantId, 'TribeRenamed', { tribeId, name: `Renamed ${tribeId}` }),
    );
    const squads = squadsOf(tribeId);
    if (shape.membersPerSquad > 0) {
      for (const squadId of squads) {
        await append(
          squadStream(squadId),
          orgEvent<MemberLeftSquad>(tenantId, 'MemberLeftSquad', {
            squadId,
            tribeId,
            personId: `${squadId}-p0`,
          }),
        );
      }
    }
    await append(
      squadStream(squads[squads.length - 1]),
      orgEvent<SquadDissolved>(tenantId, 'SquadDissolved', {
        squadId: squads[squads.length - 1],
        tribeId,
      }),
    );
  }
  return appended;
};

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
