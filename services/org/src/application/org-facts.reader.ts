import { Inject, Injectable } from '@nestjs/common';
import {
  aggregateStream,
  type Event,
  type EventStore,
  type StreamFold,
} from '@rhythm/event-sourcing';
import {
  chapterDecider,
  guildDecider,
  orgStreams,
  organisationDecider,
  personDecider,
  squadDecider,
  tribeDecider,
  type OrganisationStanding,
  type PersonStanding,
  type PersonState,
  type TribeFacts,
  type UnitFacts,
  type UnitFactsById,
} from '../org-domain';
import { ORG_EVENT_STORE } from '../infrastructure/org-tokens';

export type UnitsToRead = Readonly<{
  squadIds?: readonly (string | null)[];
  chapterIds?: readonly (string | null)[];
  guildIds?: readonly (string | null)[];
}>;

/**
 * Reads the facts a command needs about other aggregates straight from their streams (ADR 0010):
 * consistent as of the read, no dependency on projection lag.
 */
@Injectable()
export class OrgFactsReader {
  constructor(@Inject(ORG_EVENT_STORE) private readonly store: EventStore) {}

  async organisation(tenantId: string): Promise<OrganisationStanding> {
    const state = await this.state(orgStreams.organisation(tenantId), organisationDecider);
    return state.status === 'established' ? 'established' : 'unknown';
  }

  async person(tenantId: string, personId: string): Promise<PersonStanding> {
    return standingOfPerson(await this.personState(tenantId, personId));
  }

  async personState(tenantId: string, personId: string): Promise<PersonState> {
    return this.state(orgStreams.person(tenantId, personId), personDecider);
  }

  async tribe(tenantId: string, tribeId: string): Promise<TribeFacts> {
    const state = await this.state(orgStreams.tribe(tenantId, tribeId), tribeDecider);
    return { standing: state.status, leadId: state.status === 'active' ? state.leadId : null };
  }

  /** Who leads the tribe a squad or chapter belongs to: one of those with powers over it. */
  async tribeLead(tenantId: string, tribeId: string | undefined): Promise<string | null> {
    return tribeId === undefined ? null : (await this.tribe(tenantId, tribeId)).leadId;
  }

  async squad(tenantId: string, squadId: string): Promise<UnitFacts> {
    const state = await this.state(orgStreams.squad(tenantId, squadId), squadDecider);
    switch (state.status) {
      case 'active':
        return {
          standing: 'active',
          tribeId: state.tribeId,
          leadIds: state.productOwnerId === null ? [] : [state.productOwnerId],
          ...(await this.tribeLeadFact(tenantId, state.tribeId)),
        };
      default:
        return { standing: state.status, leadIds: [] };
    }
  }

  async chapter(tenantId: string, chapterId: string): Promise<UnitFacts> {
    const state = await this.state(orgStreams.chapter(tenantId, chapterId), chapterDecider);
    switch (state.status) {
      case 'active':
        return {
          standing: 'active',
          tribeId: state.tribeId,
          leadIds: state.leadId === null ? [] : [state.leadId],
          ...(await this.tribeLeadFact(tenantId, state.tribeId)),
        };
      case 'dissolved':
        return { standing: 'dissolved', tribeId: state.tribeId, leadIds: [] };
      default:
        return { standing: 'unknown', leadIds: [] };
    }
  }

  async guild(tenantId: string, guildId: string): Promise<UnitFacts> {
    const state = await this.state(orgStreams.guild(tenantId, guildId), guildDecider);
    return state.status === 'active'
      ? { standing: 'active', leadIds: state.coordinatorIds }
      : { standing: state.status, leadIds: [] };
  }

  /** Facts about several units at once, keyed by unit id (ids are UUIDs: kinds never collide). */
  async units(tenantId: string, units: UnitsToRead): Promise<UnitFactsById> {
    const read = async (
      ids: readonly (string | null)[] | undefined,
      facts: (id: string) => Promise<UnitFacts>,
    ) =>
      Promise.all(
        [...new Set(ids ?? [])]
          .filter((id): id is string => id !== null)
          .map(async (id) => [id, await facts(id)] as const),
      );
    const entries = await Promise.all([
      read(units.squadIds, (id) => this.squad(tenantId, id)),
      read(units.chapterIds, (id) => this.chapter(tenantId, id)),
      read(units.guildIds, (id) => this.guild(tenantId, id)),
    ]);
    return Object.fromEntries(entries.flat());
  }

  private async tribeLeadFact(tenantId: string, tribeId: string) {
    const tribeLeadId = await this.tribeLead(tenantId, tribeId);
    return tribeLeadId === null ? {} : { tribeLeadId };
  }

  private async state<State, E extends Event>(
    streamId: string,
    evolution: StreamFold<State, E>,
  ): Promise<State> {
    return (await aggregateStream(this.store, streamId, evolution)).state;
  }
}

/** An erased person has left: they lead nothing and are appointed to nothing again. */
export const standingOfPerson = (state: PersonState): PersonStanding =>
  state.status === 'unknown' ? 'unknown' : state.status === 'erased' ? 'left' : state.status;
