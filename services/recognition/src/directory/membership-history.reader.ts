import { TenantId } from '@rhythm/projections';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  MembershipNotKnown,
  type HistoryLookup,
  type MembershipHistory,
} from '../application/recognition-directory.port';
import type { Unit } from '../recognition-domain';
import { instant, tribeAt, unitsAt, type UnitHistory } from './membership-history';
import type { MembershipHistoryStore } from './membership-history.store';

const keyOf = (unit: Readonly<{ kind: string; id: string }>) => `${unit.kind}:${unit.id}`;

/** The membership history as the application asks it (MEMBERSHIP_HISTORY): two queries. */
export class MembershipHistoryReader implements MembershipHistory {
  constructor(private readonly store: MembershipHistoryStore) {}

  async unitsAt(
    tenantId: string,
    personIds: readonly string[],
    at: string,
    lookup: HistoryLookup = {},
  ): Promise<ReadonlyMap<string, readonly Unit[]>> {
    const tenant = TenantId.of(tenantId);
    const when = instant(at);
    const wanted = [...new Set(personIds)];
    const people = await this.known(
      tenantId,
      () => this.store.people(tenant, wanted),
      (found) => wanted.filter((id) => !found.some((person) => person.id === id)),
      lookup,
    );
    const memberOf = people.flatMap((person) =>
      person.memberships.filter((membership) => membership.from <= when),
    );
    const units = new Map(
      (await this.store.units(tenant, memberOf)).map((unit): [string, UnitHistory] => [
        keyOf(unit),
        unit,
      ]),
    );
    return new Map(people.map((person) => [person.id, unitsAt(person, units, when)]));
  }

  async tribeOfAt(
    tenantId: string,
    unit: Unit,
    at: string,
    lookup: HistoryLookup = {},
  ): Promise<string | undefined> {
    if (unit.kind === 'tribe') return unit.id;
    if (unit.kind === 'guild') return undefined;
    const [history] = await this.known(
      tenantId,
      () => this.store.units(TenantId.of(tenantId), [unit]),
      (found) => (found.length === 0 ? [keyOf(unit)] : []),
      lookup,
    );
    return history === undefined ? undefined : tribeAt(history, instant(at));
  }

  /** Reads until nothing is missing, or the wait is over (none asked: one read, as it is). */
  private async known<T>(
    tenantId: string,
    read: () => Promise<T[]>,
    missing: (found: T[]) => string[],
    { awaitKnownMs }: HistoryLookup,
  ): Promise<T[]> {
    const deadline = Date.now() + (awaitKnownMs ?? 0);
    for (let pause = 50; ; pause = Math.min(pause * 2, 1000)) {
      const found = await read();
      if (awaitKnownMs === undefined) return found;
      const absent = missing(found);
      if (absent.length === 0) return found;
      if (Date.now() >= deadline) throw new MembershipNotKnown(tenantId, absent);
      await sleep(pause);
    }
  }
}
