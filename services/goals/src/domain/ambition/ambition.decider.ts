import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { AmbitionEvent } from './ambition.events';
import type { Ambitions } from './ambition.state';
import { evolveAmbitions, initialAmbitions } from './ambition.state';
import type { CloseAmbition } from './close-ambition.command';
import { closeAmbition } from './close-ambition.command';
import type { LinkAmbition } from './link-ambition.command';
import { linkAmbition } from './link-ambition.command';
import type { RecordAmbition } from './record-ambition.command';
import { recordAmbition } from './record-ambition.command';
import type { ReviseAmbition } from './revise-ambition.command';
import { reviseAmbition } from './revise-ambition.command';
import type { UnlinkAmbition } from './unlink-ambition.command';
import { unlinkAmbition } from './unlink-ambition.command';

export type AmbitionCommand =
  RecordAmbition | ReviseAmbition | LinkAmbition | UnlinkAmbition | CloseAmbition;

const decide = (command: AmbitionCommand, state: Ambitions): readonly AmbitionEvent[] => {
  switch (command.type) {
    case 'RecordAmbition':
      return recordAmbition(command, state);
    case 'ReviseAmbition':
      return reviseAmbition(command, state);
    case 'LinkAmbition':
      return linkAmbition(command, state);
    case 'UnlinkAmbition':
      return unlinkAmbition(command, state);
    case 'CloseAmbition':
      return closeAmbition(command, state);
    default:
      return assertNever(command);
  }
};

/** Stream `ambition-<tenant>.<personId>`: all of one person's ambitions (ADR 0020). */
export const ambitionDecider: Decider<AmbitionCommand, Ambitions, AmbitionEvent> = {
  decide,
  evolve: evolveAmbitions,
  initialState: initialAmbitions,
};
