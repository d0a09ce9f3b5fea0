import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  outcomeOf,
  type CallerRevision,
  type Clock,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  orgStreams,
  personDecider,
  type PersonCommand,
  type PersonState,
  type UnitFactsById,
} from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import { orgActorOf } from '../org-actor';
import { OrgFactsReader, type UnitsToRead } from '../org-facts.reader';

export type MembershipChange = Readonly<{
  personId: string;
  unit: Readonly<{ kind: 'squad' | 'chapter' | 'guild'; id: string }>;
  change: 'join' | 'leave';
}>;

const membershipCommandType = {
  squad: { join: 'JoinSquad', leave: 'LeaveSquad' },
  chapter: { join: 'JoinChapter', leave: 'LeaveChapter' },
  guild: { join: 'JoinGuild', leave: 'LeaveGuild' },
} as const;

/** Units the person is recorded in: their facts decide which memberships are still active. */
const heldUnits = (state: PersonState): UnitsToRead =>
  state.status === 'in-organisation'
    ? {
        squadIds: [state.squadId],
        chapterIds: [state.chapter?.chapterId ?? null],
        guildIds: state.guildIds,
      }
    : {};

const handle = CommandHandler(personDecider);

/**
 * People and their memberships. Membership commands decide on the person's stream with facts
 * about the target unit and the units the person holds, folded at the revision they append at.
 */
@Injectable()
export class PersonCommandHandlers {
  constructor(
    @Inject(ORG_EVENT_STORE) private readonly store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: Clock,
    private readonly facts: OrgFactsReader,
  ) {}

  async join(
    issuer: AuthenticatedActor,
    input: Readonly<{ name: string; email: string }>,
  ): Promise<CommandOutcome> {
    const personId = randomUUID();
    const command: PersonCommand = {
      type: 'JoinOrganisation',
      personId,
      name: input.name,
      email: input.email,
      organisation: await this.facts.organisation(issuer.tenantId),
      actor: orgActorOf(issuer),
    };
    const result = await handle(
      this.store,
      orgStreams.person(issuer.tenantId, personId),
      (state) => personDecider.decide(command, state),
      { context: commandContextOf(issuer, this.clock.now()) },
    );
    return outcomeOf(personId, result);
  }

  updateProfile(
    issuer: AuthenticatedActor,
    personId: string,
    input: Readonly<{ name?: string; email?: string }>,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    return this.withState(issuer, personId, expected, undefined, (state) =>
      Promise.resolve({
        type: 'UpdatePersonProfile',
        personId,
        // A partial update keeps what it does not name.
        name: input.name ?? (state.status === 'in-organisation' ? state.name : ''),
        email: input.email ?? (state.status === 'in-organisation' ? state.email : ''),
        actor: orgActorOf(issuer),
      }),
    );
  }

  leave(
    issuer: AuthenticatedActor,
    personId: string,
    reason: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    return this.withState(issuer, personId, expected, reason, async (state) => ({
      type: 'LeaveOrganisation',
      personId,
      reason,
      units: await this.facts.units(issuer.tenantId, heldUnits(state)),
      actor: orgActorOf(issuer),
    }));
  }

  /**
   * Erases the person's personal data (ADR 0034). The event store destroys their key as it
   * appends the erasure; repeating the request destroys it again (a crash between the two).
   */
  erasePersonalData(
    issuer: AuthenticatedActor,
    personId: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    return this.withState(issuer, personId, expected, undefined, async (state) => ({
      type: 'ErasePersonalData',
      personId,
      units: await this.facts.units(issuer.tenantId, heldUnits(state)),
      actor: orgActorOf(issuer),
    }));
  }

  changeMembership(
    issuer: AuthenticatedActor,
    { personId, unit, change }: MembershipChange,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    return this.withState(issuer, personId, expected, undefined, async (state) => {
      const held = heldUnits(state);
      const units: UnitFactsById = await this.facts.units(issuer.tenantId, {
        squadIds: [...(held.squadIds ?? []), ...(unit.kind === 'squad' ? [unit.id] : [])],
        chapterIds: [...(held.chapterIds ?? []), ...(unit.kind === 'chapter' ? [unit.id] : [])],
        guildIds: [...(held.guildIds ?? []), ...(unit.kind === 'guild' ? [unit.id] : [])],
      });
      const base = { personId, units, actor: orgActorOf(issuer) };
      const type = membershipCommandType[unit.kind][change];
      switch (unit.kind) {
        case 'squad':
          return { ...base, type: type as 'JoinSquad' | 'LeaveSquad', squadId: unit.id };
        case 'chapter':
          return { ...base, type: type as 'JoinChapter' | 'LeaveChapter', chapterId: unit.id };
        case 'guild':
          return { ...base, type: type as 'JoinGuild' | 'LeaveGuild', guildId: unit.id };
      }
    });
  }

  /** A command built from the person's state (the units they hold), decided on that state. */
  private async withState(
    issuer: AuthenticatedActor,
    personId: string,
    expected: CallerRevision,
    reason: string | undefined,
    commandFor: (state: PersonState) => Promise<PersonCommand>,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      orgStreams.person(issuer.tenantId, personId),
      async (state) => personDecider.decide(await commandFor(state), state),
      { context: commandContextOf(issuer, this.clock.now(), reason), expectedRevision: expected },
    );
    return outcomeOf(personId, result);
  }
}
