import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { CadenceEvent } from './cadence.events';
import type { UnitCadence } from './cadence.state';
import { evolveUnitCadence, initialUnitCadence } from './cadence.state';
import type { SetCadence } from './set-cadence.command';
import { setCadence } from './set-cadence.command';
import type { SweepCadence } from './sweep-cadence.command';
import { sweepCadence } from './sweep-cadence.command';

export type CadenceCommand = SetCadence | SweepCadence;

const decide = (command: CadenceCommand, state: UnitCadence): readonly CadenceEvent[] => {
  switch (command.type) {
    case 'SetCadence':
      return setCadence(command, state);
    case 'SweepCadence':
      return sweepCadence(command, state);
    default:
      return assertNever(command);
  }
};

/** Stream `cadence-<tenant>.<unitKind>.<unitId>`: one unit's rhythm and its sweeps (ADR 0036). */
export const cadenceDecider: Decider<CadenceCommand, UnitCadence, CadenceEvent> = {
  decide,
  evolve: evolveUnitCadence,
  initialState: initialUnitCadence,
};
