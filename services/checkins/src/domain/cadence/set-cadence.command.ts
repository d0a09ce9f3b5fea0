import { Forbidden, NotFound, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { Unit } from '../goal-facts';
import type { Cadence } from './cadence';
import { cadenceProblems, sameCadence } from './cadence';
import type { CadenceSet } from './cadence.events';
import type { UnitCadence } from './cadence.state';

export type SetCadence = Command<
  'SetCadence',
  { unit: Unit; cadence: Cadence },
  { unit: 'no-unit' | Readonly<{ leadIds: readonly string[] }>; actorIsAdmin: boolean }
>;

/** The unit's lead (or an admin) sets its rhythm; from then on sweeps read it. */
export const setCadence = (command: SetCadence, state: UnitCadence): CadenceSet[] => {
  const { data, actor, facts } = command;
  if (facts.unit === 'no-unit')
    throw new NotFound(`Unit ${data.unit.kind} ${data.unit.id} not found`);
  if (!facts.actorIsAdmin && !facts.unit.leadIds.includes(actor.personId)) {
    throw new Forbidden(
      `Only the lead of ${data.unit.kind} ${data.unit.id} or an admin can set its cadence`,
    );
  }
  rejectInvalid(
    Object.fromEntries(
      Object.entries(cadenceProblems(data.cadence)).map(([field, problem]) => [
        `cadence.${field}`,
        problem,
      ]),
    ),
  );
  if (state.cadence !== undefined && sameCadence(state.cadence, data.cadence)) return [];
  return [
    { type: 'CadenceSet', data: { unit: data.unit, cadence: data.cadence, setBy: actor.personId } },
  ];
};
