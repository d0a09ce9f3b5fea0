import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { AcknowledgeBlocker } from './acknowledge-blocker.command';
import { acknowledgeBlocker } from './acknowledge-blocker.command';
import type { BlockerEvent } from './blocker.events';
import type { BlockerState } from './blocker.state';
import { evolveBlocker, initialBlocker } from './blocker.state';
import type { EscalateBlocker } from './escalate-blocker.command';
import { escalateBlocker } from './escalate-blocker.command';
import type { RaiseBlocker } from './raise-blocker.command';
import { raiseBlocker } from './raise-blocker.command';
import type { ResolveBlocker } from './resolve-blocker.command';
import { resolveBlocker } from './resolve-blocker.command';

export type BlockerCommand = RaiseBlocker | AcknowledgeBlocker | EscalateBlocker | ResolveBlocker;

const decide = (command: BlockerCommand, state: BlockerState): readonly BlockerEvent[] => {
  switch (command.type) {
    case 'RaiseBlocker':
      return raiseBlocker(command, state);
    case 'AcknowledgeBlocker':
      return acknowledgeBlocker(command, state);
    case 'EscalateBlocker':
      return escalateBlocker(command, state);
    case 'ResolveBlocker':
      return resolveBlocker(command, state);
    default:
      return assertNever(command);
  }
};

/** Stream `blocker-<tenant>.<blockerId>`: one blocker's life (ADR 0036). */
export const blockerDecider: Decider<BlockerCommand, BlockerState, BlockerEvent> = {
  decide,
  evolve: evolveBlocker,
  initialState: initialBlocker,
};
