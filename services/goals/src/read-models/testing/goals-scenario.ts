import { randomUUID } from 'node:crypto';
import {
  aggregateStream,
  CommandHandler,
  type Decider,
  type Event,
  type EventStore,
} from '@rhythm/event-sourcing';
import {
  ambitionDecider,
  cycleDecider,
  goalsStreams,
  objectiveDecider,
  proposalDecider,
  type Actor,
  type AmbitionCommand,
  type CycleCommand,
  type CycleStanding,
  type CycleState,
  type KeyResultDraft,
  type ObjectiveCommand,
  type ObjectiveDraft,
  type ObjectiveKind,
  type ObjectiveState,
  type Owner,
  type ProposalCommand,
  type ScoringRule,
  type Unit,
  type Visibility,
} from '@rhythm/goals-domain';
import type {
  DirectoryPerson,
  DirectoryUnit,
  OrgDirectory,
  OwnerLabel,
} from '../../application/org-directory.port';
import { labelsFromViews } from '../../testing/in-memory-org-directory';
import { boardDecider, type BoardCommand } from '../../boards/board.decider';
import { boardStream } from '../../boards/board.events';

/** A command without its actor (the scenario adds the person acting), facts optional. */
type Order<C> = C extends { facts: infer F }
  ? Omit<C, 'actor' | 'facts'> & { facts?: Partial<F> }
  : Omit<C, 'actor'>;

/**
 * Drives the goals deciders against a real event store at chosen times, as the application
 * would, with the facts written out (the cycle's standing folded from its stream): for
 * read-model tests that need a history with dates, actors and reasons.
 */
export class GoalsScenario {
  constructor(
    private readonly store: EventStore,
    readonly tenantId: string,
  ) {}

  private async run<C, S, E extends Event>(
    decider: Decider<C, S, E>,
    streamId: string,
    command: C,
    actor: Actor,
    at: string,
  ): Promise<void> {
    await CommandHandler(decider)(this.store, streamId, (state) => decider.decide(command, state), {
      context: {
        tenantId: this.tenantId,
        actor: actor.personId,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        now: new Date(at),
      },
    });
  }

  async cycleStanding(cycleId: string): Promise<CycleStanding> {
    return (await this.cycleState(cycleId)).status;
  }

  async objectiveState(objectiveId: string): Promise<ObjectiveState> {
    const stream = goalsStreams.objective(this.tenantId, objectiveId);
    return (await aggregateStream(this.store, stream, objectiveDecider)).state;
  }

  async cycleState(cycleId: string): Promise<CycleState> {
    const stream = goalsStreams.cycle(this.tenantId, cycleId);
    return (await aggregateStream(this.store, stream, cycleDecider)).state;
  }

  cycle = (actor: Actor, at: string, command: Order<CycleCommand>) =>
    this.run(
      cycleDecider,
      goalsStreams.cycle(this.tenantId, command.data.cycleId),
      { ...command, actor },
      actor,
      at,
    );

  planCycle = (actor: Actor, at: string, cycleId: string, name: string, scoringRule: ScoringRule) =>
    this.cycle(actor, at, {
      type: 'PlanCycle',
      data: { cycleId, name, startsOn: '2026-01-01', endsOn: '2026-03-31', scoringRule },
    });

  /** An objective command; the cycle's standing is read from the store. */
  objective = async (actor: Actor, at: string, command: Order<ObjectiveCommand>) => {
    const state = await this.objectiveState(command.data.objectiveId);
    const cycleId =
      command.type === 'DefineObjective'
        ? command.data.cycleId
        : state.status === 'none'
          ? ''
          : state.cycleId;
    const facts = {
      cycle: await this.cycleStanding(cycleId),
      ownerExists: true,
      personExists: true,
      guildExists: true,
      // The scenario's actors see every objective they align to or from.
      parentSeen: true,
      ...(await this.alignmentFacts(command)),
      ...('facts' in command ? command.facts : {}),
    };
    await this.run(
      objectiveDecider,
      goalsStreams.objective(this.tenantId, command.data.objectiveId),
      { ...command, actor, facts } as ObjectiveCommand,
      actor,
      at,
    );
  };

  private async alignmentFacts(command: { type: string; data: object }) {
    if (command.type !== 'AlignObjective') return {};
    const { parentObjectiveId } = command.data as { parentObjectiveId: string };
    const parent = await this.objectiveState(parentObjectiveId);
    return {
      parent:
        parent.status === 'none' ? 'none' : { cycleId: parent.cycleId, status: parent.status },
      alignment: parent.status === 'none' ? {} : { [parentObjectiveId]: parent.parents },
    };
  }

  /** Defines an objective with its key results and activates it. */
  async setObjective(
    actor: Actor,
    at: string,
    objective: Readonly<{
      objectiveId: string;
      cycleId: string;
      title: string;
      owner: Owner;
      kind?: ObjectiveKind;
      visibility?: Visibility;
      keyResults: readonly (KeyResultDraft & { keyResultId: string })[];
    }>,
  ): Promise<void> {
    const { objectiveId, cycleId, title, owner, keyResults } = objective;
    await this.objective(actor, at, {
      type: 'DefineObjective',
      data: {
        objectiveId,
        cycleId,
        title,
        description: `${title}, this quarter`,
        owner,
        kind: objective.kind ?? 'committed',
        visibility: objective.visibility ?? 'public',
      },
    });
    for (const keyResult of keyResults) {
      await this.objective(actor, at, {
        type: 'AddKeyResult',
        data: { objectiveId, ...keyResult },
      });
    }
    await this.objective(actor, at, { type: 'ActivateObjective', data: { objectiveId } });
  }

  align = (actor: Actor, at: string, objectiveId: string, parentObjectiveId: string) =>
    this.objective(actor, at, {
      type: 'AlignObjective',
      data: { objectiveId, parentObjectiveId },
    });

  progress = (actor: Actor, at: string, objectiveId: string, keyResultId: string, value: number) =>
    this.objective(actor, at, {
      type: 'RecordProgress',
      data: { objectiveId, keyResultId, value },
    });

  /** A proposal command; the cycle and the target objective are read from the store. */
  proposal = async (actor: Actor, at: string, command: Order<ProposalCommand>) => {
    const target =
      command.type === 'ProposeKeyResult'
        ? await this.objectiveState(command.data.objectiveId)
        : undefined;
    const proposalStream = goalsStreams.proposal(this.tenantId, command.data.proposalId);
    const proposal = (await aggregateStream(this.store, proposalStream, proposalDecider)).state;
    const cycleId =
      'cycleId' in command.data
        ? command.data.cycleId
        : target !== undefined && target.status !== 'none'
          ? target.cycleId
          : proposal.status === 'none'
            ? ''
            : proposal.cycleId;
    const facts = {
      cycle: await this.cycleStanding(cycleId),
      unitExists: true,
      unknownPeople: [],
      ownerExists: true,
      objective:
        target === undefined || target.status === 'none'
          ? 'none'
          : {
              cycleId: target.cycleId,
              owner: target.owner,
              status: target.status,
              keyResultCount: target.keyResults.length,
            },
      ...('facts' in command ? command.facts : {}),
    };
    await this.run(
      proposalDecider,
      goalsStreams.proposal(this.tenantId, command.data.proposalId),
      { ...command, actor, facts } as ProposalCommand,
      actor,
      at,
    );
  };

  /** A TV board command (ADR 0052); the cycle and the unit exist unless the facts say not. */
  board = (actor: Actor, at: string, command: Order<BoardCommand>) =>
    this.run(
      boardDecider,
      boardStream(this.tenantId, command.data.boardId),
      {
        ...command,
        actor,
        facts: {
          cycleExists: true,
          scopeExists: true,
          ...('facts' in command ? command.facts : {}),
        },
      } as BoardCommand,
      actor,
      at,
    );

  ambition = (actor: Actor, at: string, command: Order<AmbitionCommand>) =>
    this.run(
      ambitionDecider,
      goalsStreams.ambitions(this.tenantId, command.data.personId),
      {
        ...command,
        actor,
        facts: {
          targetExists: true,
          personContributes: true,
          ...('facts' in command ? command.facts : {}),
        },
      } as AmbitionCommand,
      actor,
      at,
    );
}

/** A draft objective for proposals. */
export const draftOf = (
  title: string,
  visibility: Visibility,
  keyResults: readonly KeyResultDraft[],
): ObjectiveDraft => ({
  title,
  description: `${title}, proposed`,
  kind: 'aspirational',
  visibility,
  keyResults,
});

/**
 * The org directory port over a fixed organisation, for read-side tests whose subject is the
 * goals read models and queries (the directory has its own tests against Kafka).
 */
export class FixedOrgDirectory implements OrgDirectory {
  constructor(
    private readonly units: readonly DirectoryUnit[],
    private readonly people: readonly DirectoryPerson[],
  ) {}

  person(_tenantId: string, personId: string): Promise<DirectoryPerson | undefined> {
    return Promise.resolve(this.people.find((person) => person.personId === personId));
  }

  unit(_tenantId: string, unit: Unit): Promise<DirectoryUnit | undefined> {
    return Promise.resolve(this.units.find((u) => u.kind === unit.kind && u.id === unit.id));
  }

  labelsOf(tenantId: string, owners: readonly Owner[]): Promise<OwnerLabel[]> {
    return labelsFromViews(this, tenantId, owners);
  }

  ownerExists(tenantId: string, owner: Owner): Promise<boolean> {
    if (owner.kind === 'company') return Promise.resolve(owner.id === tenantId);
    if (owner.kind === 'person') return this.person(tenantId, owner.id).then(Boolean);
    return this.unit(tenantId, owner as Unit).then(Boolean);
  }

  awaitOwner(tenantId: string, owner: Owner): Promise<boolean> {
    return this.ownerExists(tenantId, owner);
  }

  async actorFor(tenantId: string, personId: string, roles: readonly string[]): Promise<Actor> {
    const person = await this.person(tenantId, personId);
    return { personId, isAdmin: roles.includes('admin'), leads: person?.leads ?? [] };
  }
}
