import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  decideAll,
  outcomeOf,
  type CallerRevision,
  type Clock,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  goalsStreams,
  objectiveDecider,
  objectiveFromTemplate,
  type Actor,
  type CycleStanding,
  type KeyResultDraft,
  type ObjectiveCommand,
  type ObjectiveKind,
  type ObjectiveState,
  type Owner,
  type ReviewStage,
  type TemplateChoice,
  type Visibility,
} from '../../goals-domain';
import { GOALS_CLOCK, GOALS_EVENT_STORE } from '../../infrastructure/goals-tokens';
import { GoalsFactsReader } from '../goals-facts.reader';
import { ObjectiveSnapshots } from '../objective-snapshots';
import { VisibilityGate, type Reader } from '../visibility/visibility.gate';

export type DefineObjectiveInput = Readonly<{
  cycleId: string;
  title: string;
  description?: string;
  owner: Owner;
  kind: ObjectiveKind;
  visibility?: Visibility;
}>;

export type KeyResultInput = KeyResultDraft & Readonly<{ reason?: string }>;

export type ObjectiveFromTemplateInput = Omit<TemplateChoice, 'objectiveId' | 'keyResults'> &
  Readonly<{
    keyResults: readonly Readonly<{ index: number; baseline: number; owner: string }>[];
  }>;

/** What a change decides on: the actor, the reader they are (for objectives it reaches), the state. */
type Gate = Readonly<{
  actor: Actor;
  reader: Reader;
  objective: ObjectiveState;
  cycle: CycleStanding;
}>;

/** The outcome of adding a key result names the key result, beside the objective's revision. */
export type KeyResultOutcome = CommandOutcome & Readonly<{ keyResultId: string }>;

const handle = CommandHandler(objectiveDecider);

/**
 * Objectives and their key results: set them, change them with a reason, record progress, align,
 * follow and contribute, review and score. Facts come from the objective's own cycle and the org
 * directory; every rule is the decider's.
 */
@Injectable()
export class ObjectiveCommandHandlers {
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(GOALS_CLOCK) private readonly clock: Clock,
    private readonly facts: GoalsFactsReader,
    private readonly visibility: VisibilityGate,
    private readonly snapshots: ObjectiveSnapshots,
  ) {}

  async define(issuer: AuthenticatedActor, input: DefineObjectiveInput): Promise<CommandOutcome> {
    const objectiveId = randomUUID();
    const owner = this.ownerIn(issuer, input.owner);
    await this.facts.requireOwner(issuer.tenantId, owner);
    const [actor, cycle] = await Promise.all([
      this.facts.actor(issuer),
      this.facts.cycleStanding(issuer.tenantId, input.cycleId),
    ]);
    const command: ObjectiveCommand = {
      type: 'DefineObjective',
      actor,
      data: {
        objectiveId,
        cycleId: input.cycleId,
        title: input.title,
        description: input.description ?? '',
        owner,
        kind: input.kind,
        visibility: input.visibility ?? 'public',
      },
      facts: { cycle, ownerExists: true },
    };
    const result = await handle(
      this.store,
      this.stream(issuer, objectiveId),
      (objective) => objectiveDecider.decide(command, objective),
      { context: commandContextOf(issuer, this.clock.now()) },
    );
    return outcomeOf(objectiveId, result);
  }

  /** A new objective from a library template, with the key results the team keeps: one change. */
  async fromTemplate(
    issuer: AuthenticatedActor,
    input: ObjectiveFromTemplateInput,
  ): Promise<CommandOutcome> {
    const objectiveId = randomUUID();
    const owner = this.ownerIn(issuer, input.owner);
    await this.facts.requireOwner(issuer.tenantId, owner);
    for (const keyResult of input.keyResults) {
      await this.facts.requirePerson(issuer.tenantId, keyResult.owner);
    }
    const [actor, cycle] = await Promise.all([
      this.facts.actor(issuer),
      this.facts.cycleStanding(issuer.tenantId, input.cycleId),
    ]);
    const choice: TemplateChoice = {
      ...input,
      owner,
      objectiveId,
      keyResults: input.keyResults.map((keyResult) => ({
        ...keyResult,
        keyResultId: randomUUID(),
      })),
    };
    const commands = objectiveFromTemplate(choice, {
      actor,
      cycle,
      ownerExists: true,
      unknownPeople: [],
    });
    const result = await handle(
      this.store,
      this.stream(issuer, objectiveId),
      decideAll(objectiveDecider, commands),
      { context: commandContextOf(issuer, this.clock.now()) },
    );
    return outcomeOf(objectiveId, result);
  }

  async addKeyResult(
    issuer: AuthenticatedActor,
    objectiveId: string,
    input: KeyResultInput,
    expected: CallerRevision,
  ): Promise<KeyResultOutcome> {
    const keyResultId = randomUUID();
    await this.facts.requirePerson(issuer.tenantId, input.owner);
    const outcome = await this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'AddKeyResult',
        actor,
        data: {
          objectiveId,
          keyResultId,
          title: input.title,
          metric: input.metric,
          owner: input.owner,
          weight: input.weight,
          ...(input.reason === undefined ? {} : { reason: input.reason }),
        },
        facts: { cycle, ownerExists: true },
      }),
      input.reason,
    );
    return { ...outcome, keyResultId };
  }

  activate(issuer: AuthenticatedActor, objectiveId: string, expected: CallerRevision) {
    return this.change(issuer, objectiveId, expected, ({ actor, cycle }) => ({
      type: 'ActivateObjective',
      actor,
      data: { objectiveId },
      facts: { cycle },
    }));
  }

  rename(
    issuer: AuthenticatedActor,
    objectiveId: string,
    input: Readonly<{ title: string; description?: string; reason?: string }>,
    expected: CallerRevision,
  ) {
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle, objective }) => ({
        type: 'RenameObjective',
        actor,
        data: {
          objectiveId,
          title: input.title,
          description: input.description ?? descriptionOf(objective),
          ...reasonOf(input.reason),
        },
        facts: { cycle },
      }),
      input.reason,
    );
  }

  async changeOwner(
    issuer: AuthenticatedActor,
    objectiveId: string,
    input: Readonly<{ owner: Owner; reason?: string }>,
    expected: CallerRevision,
  ) {
    const owner = this.ownerIn(issuer, input.owner);
    await this.facts.requireOwner(issuer.tenantId, owner);
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'ChangeObjectiveOwner',
        actor,
        data: { objectiveId, owner, ...reasonOf(input.reason) },
        facts: { cycle, ownerExists: true },
      }),
      input.reason,
    );
  }

  changeVisibility(
    issuer: AuthenticatedActor,
    objectiveId: string,
    input: Readonly<{ visibility: Visibility; reason?: string }>,
    expected: CallerRevision,
  ) {
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'ChangeObjectiveVisibility',
        actor,
        data: { objectiveId, visibility: input.visibility, ...reasonOf(input.reason) },
        facts: { cycle },
      }),
      input.reason,
    );
  }

  renameKeyResult(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    input: Readonly<{ title: string; reason?: string }>,
    expected: CallerRevision,
  ) {
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'RenameKeyResult',
        actor,
        data: { objectiveId, keyResultId, title: input.title, ...reasonOf(input.reason) },
        facts: { cycle },
      }),
      input.reason,
    );
  }

  adjustTarget(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    input: Readonly<{ target: number; reason?: string }>,
    expected: CallerRevision,
  ) {
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'AdjustKeyResultTarget',
        actor,
        data: { objectiveId, keyResultId, target: input.target, ...reasonOf(input.reason) },
        facts: { cycle },
      }),
      input.reason,
    );
  }

  async changeKeyResultOwner(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    input: Readonly<{ owner: string; reason?: string }>,
    expected: CallerRevision,
  ) {
    await this.facts.requirePerson(issuer.tenantId, input.owner);
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'ChangeKeyResultOwner',
        actor,
        data: { objectiveId, keyResultId, owner: input.owner, ...reasonOf(input.reason) },
        facts: { cycle, ownerExists: true },
      }),
      input.reason,
    );
  }

  reweighKeyResult(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    input: Readonly<{ weight: number; reason?: string }>,
    expected: CallerRevision,
  ) {
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'ReweighKeyResult',
        actor,
        data: { objectiveId, keyResultId, weight: input.weight, ...reasonOf(input.reason) },
        facts: { cycle },
      }),
      input.reason,
    );
  }

  dropKeyResult(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    reason: string | undefined,
    expected: CallerRevision,
  ) {
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'DropKeyResult',
        actor,
        data: { objectiveId, keyResultId, ...reasonOf(reason) },
        facts: { cycle },
      }),
      reason,
    );
  }

  recordProgress(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    input: Readonly<{ value: number; checkInId?: string }>,
    expected: CallerRevision,
  ) {
    return this.change(issuer, objectiveId, expected, ({ actor, cycle }) => ({
      type: 'RecordProgress',
      actor,
      data: {
        objectiveId,
        keyResultId,
        value: input.value,
        ...(input.checkInId === undefined ? {} : { checkInId: input.checkInId }),
      },
      facts: { cycle },
    }));
  }

  /** The parent is reached through the objective: one the actor may not see is missing to them. */
  async align(
    issuer: AuthenticatedActor,
    objectiveId: string,
    parentObjectiveId: string,
    expected: CallerRevision,
  ) {
    return this.change(issuer, objectiveId, expected, async ({ actor, reader, cycle }) => {
      const [parent, alignment] = await Promise.all([
        this.facts.objectiveSeenBy(reader, parentObjectiveId),
        this.facts.alignmentAbove(reader, parentObjectiveId),
      ]);
      return {
        type: 'AlignObjective',
        actor,
        data: { objectiveId, parentObjectiveId },
        facts: {
          cycle,
          parent:
            parent.status === 'none' ? 'none' : { cycleId: parent.cycleId, status: parent.status },
          alignment,
        },
      };
    });
  }

  unalign(
    issuer: AuthenticatedActor,
    objectiveId: string,
    parentObjectiveId: string,
    reason: string | undefined,
    expected: CallerRevision,
  ) {
    return this.change(
      issuer,
      objectiveId,
      expected,
      async ({ actor, reader, cycle }) => ({
        type: 'UnalignObjective',
        actor,
        data: { objectiveId, parentObjectiveId, ...reasonOf(reason) },
        facts: {
          cycle,
          parentSeen:
            (await this.facts.objectiveSeenBy(reader, parentObjectiveId)).status !== 'none',
        },
      }),
      reason,
    );
  }

  async follow(
    issuer: AuthenticatedActor,
    objectiveId: string,
    guildId: string,
    expected: CallerRevision,
  ) {
    await this.facts.requireOwner(issuer.tenantId, { kind: 'guild', id: guildId });
    return this.change(issuer, objectiveId, expected, ({ actor, cycle }) => ({
      type: 'FollowObjective',
      actor,
      data: { objectiveId, guildId },
      facts: { cycle, guildExists: true },
    }));
  }

  unfollow(
    issuer: AuthenticatedActor,
    objectiveId: string,
    guildId: string,
    expected: CallerRevision,
  ) {
    return this.change(issuer, objectiveId, expected, ({ actor }) => ({
      type: 'UnfollowObjective',
      actor,
      data: { objectiveId, guildId },
    }));
  }

  async addContributor(
    issuer: AuthenticatedActor,
    objectiveId: string,
    personId: string,
    expected: CallerRevision,
  ) {
    await this.facts.requirePerson(issuer.tenantId, personId);
    return this.change(issuer, objectiveId, expected, ({ actor, cycle }) => ({
      type: 'AddContributor',
      actor,
      data: { objectiveId, personId },
      facts: { cycle, personExists: true },
    }));
  }

  removeContributor(
    issuer: AuthenticatedActor,
    objectiveId: string,
    personId: string,
    expected: CallerRevision,
  ) {
    return this.change(issuer, objectiveId, expected, ({ actor }) => ({
      type: 'RemoveContributor',
      actor,
      data: { objectiveId, personId },
    }));
  }

  async recordReviewNote(
    issuer: AuthenticatedActor,
    objectiveId: string,
    input: Readonly<{ stage: ReviewStage; text: string }>,
    expected: CallerRevision,
  ): Promise<CommandOutcome & Readonly<{ noteId: string }>> {
    const noteId = randomUUID();
    const outcome = await this.change(issuer, objectiveId, expected, ({ actor, cycle }) => ({
      type: 'RecordReviewNote',
      actor,
      data: { objectiveId, noteId, stage: input.stage, text: input.text },
      facts: { cycle },
    }));
    return { ...outcome, noteId };
  }

  overrideScore(
    issuer: AuthenticatedActor,
    objectiveId: string,
    keyResultId: string,
    input: Readonly<{ score: number; reason: string }>,
    expected: CallerRevision,
  ) {
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'OverrideKeyResultScore',
        actor,
        data: { objectiveId, keyResultId, score: input.score, reason: input.reason },
        facts: { cycle },
      }),
      input.reason,
    );
  }

  /** Scores one objective of a closed cycle now (the cycle-close process does all of them). */
  async score(issuer: AuthenticatedActor, objectiveId: string, expected: CallerRevision) {
    return this.change(issuer, objectiveId, expected, async ({ actor, cycle, objective }) => {
      const cycleState =
        objective.status === 'none'
          ? undefined
          : await this.facts.cycle(issuer.tenantId, objective.cycleId);
      return {
        type: 'ScoreObjective',
        actor,
        data: { objectiveId },
        facts: {
          cycle,
          scoringRule:
            cycleState === undefined || cycleState.status === 'none'
              ? { kind: 'linear' }
              : cycleState.scoringRule,
        },
      };
    });
  }

  recordRetrospective(
    issuer: AuthenticatedActor,
    objectiveId: string,
    input: Readonly<{ wentWell: string; learned: string; doDifferently: string }>,
    expected: CallerRevision,
  ) {
    return this.change(issuer, objectiveId, expected, ({ actor, cycle }) => ({
      type: 'RecordRetrospective',
      actor,
      data: { objectiveId, ...input },
      facts: { cycle },
    }));
  }

  abandon(
    issuer: AuthenticatedActor,
    objectiveId: string,
    reason: string,
    expected: CallerRevision,
  ) {
    return this.change(
      issuer,
      objectiveId,
      expected,
      ({ actor, cycle }) => ({
        type: 'AbandonObjective',
        actor,
        data: { objectiveId, reason },
        facts: { cycle },
      }),
      reason,
    );
  }

  /**
   * A change to an existing objective: the actor, the objective folded from its stream and the
   * standing of its cycle, read at the revision the change is appended at. The visibility gate
   * admits the caller first: an objective they may not see answers as a missing one (ADR 0030).
   */
  private async change(
    issuer: AuthenticatedActor,
    objectiveId: string,
    expected: CallerRevision,
    commandFor: (gate: Gate) => ObjectiveCommand | Promise<ObjectiveCommand>,
    reason?: string,
  ): Promise<CommandOutcome> {
    const [actor, reader] = await Promise.all([
      this.facts.actor(issuer),
      this.visibility.readerOf(issuer),
    ]);
    const result = await handle(
      this.store,
      this.stream(issuer, objectiveId),
      async (objective) => {
        const cycle =
          objective.status === 'none'
            ? 'none'
            : await this.facts.cycleStanding(issuer.tenantId, objective.cycleId);
        return objectiveDecider.decide(
          await commandFor({ actor, reader, objective, cycle }),
          objective,
        );
      },
      {
        context: commandContextOf(issuer, this.clock.now(), reason),
        expectedRevision: expected,
        admit: this.visibility.objective(reader, objectiveId),
        // A long stream (years of weekly progress) loads from its snapshot (ADR 0045).
        load: this.snapshots.loaderFor(issuer.tenantId),
      },
    );
    return outcomeOf(objectiveId, result);
  }

  /** The company is the organisation: its id is the tenant's, whatever the request said. */
  private ownerIn(issuer: AuthenticatedActor, owner: Owner): Owner {
    return owner.kind === 'company' ? { kind: 'company', id: issuer.tenantId } : owner;
  }

  private stream(issuer: AuthenticatedActor, objectiveId: string): string {
    return goalsStreams.objective(issuer.tenantId, objectiveId);
  }
}

const reasonOf = (reason: string | undefined): { reason?: string } =>
  reason === undefined ? {} : { reason };

const descriptionOf = (objective: ObjectiveState): string =>
  objective.status === 'none' ? '' : objective.description;
