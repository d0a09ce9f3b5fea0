import { assertNever } from '@rhythm/event-sourcing';
import type { AmbitionEvent, AmbitionKind, AmbitionLink, AmbitionOutcome } from './ambition.events';

export type Ambition = Readonly<{
  ambitionId: string;
  kind: AmbitionKind;
  title: string;
  description: string;
  links: readonly AmbitionLink[];
  status: 'open' | AmbitionOutcome;
}>;

export type Ambitions = Readonly<{ ambitions: readonly Ambition[] }>;

export const initialAmbitions = (): Ambitions => ({ ambitions: [] });

export const sameLink = (a: AmbitionLink, b: AmbitionLink): boolean =>
  a.kind === b.kind &&
  a.objectiveId === b.objectiveId &&
  (a.kind === 'objective' || (b.kind === 'key-result' && a.keyResultId === b.keyResultId));

const update = (
  state: Ambitions,
  ambitionId: string,
  change: (ambition: Ambition) => Ambition,
) => ({
  ambitions: state.ambitions.map((ambition) =>
    ambition.ambitionId === ambitionId ? change(ambition) : ambition,
  ),
});

export const evolveAmbitions = (state: Ambitions, event: AmbitionEvent): Ambitions => {
  switch (event.type) {
    case 'AmbitionRecorded': {
      const { ambitionId, kind, title, description } = event.data;
      return {
        ambitions: [
          ...state.ambitions,
          { ambitionId, kind, title, description, links: [], status: 'open' },
        ],
      };
    }
    case 'AmbitionRevised':
      return update(state, event.data.ambitionId, (ambition) => ({
        ...ambition,
        title: event.data.title.after,
        description: event.data.description.after,
      }));
    case 'AmbitionLinked':
      return update(state, event.data.ambitionId, (ambition) => ({
        ...ambition,
        links: [...ambition.links, event.data.link],
      }));
    case 'AmbitionUnlinked':
      return update(state, event.data.ambitionId, (ambition) => ({
        ...ambition,
        links: ambition.links.filter((link) => !sameLink(link, event.data.link)),
      }));
    case 'AmbitionClosed':
      return update(state, event.data.ambitionId, (ambition) => ({
        ...ambition,
        status: event.data.outcome,
      }));
    default:
      return assertNever(event);
  }
};
