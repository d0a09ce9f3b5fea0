import { TenantId } from '@rhythm/projections';
import type { MembershipHistory } from '../application/recognition-directory.port';
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
  ): Promise<ReadonlyMap<string, readonly Unit[]>> {
    const tenant = TenantId.of(tenantId);
    const when = instant(at);
    const people = await this.store.people(tenant, personIds);
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

  async tribeOfAt(tenantId: string, unit: Unit, at: string): Promise<string | undefined> {
    if (unit.kind === 'tribe') return unit.id;
    if (unit.kind === 'guild') return undefined;
    const [history] = await this.store.units(TenantId.of(tenantId), [unit]);
    return history === undefined ? undefined : tribeAt(history, instant(at));
  }
}
