import { randomUUID } from 'node:crypto';
import { CommandHandler, type Decider, type Event, type EventStore } from '@rhythm/event-sourcing';
import {
  chapterDecider,
  guildDecider,
  organisationDecider,
  orgStreams,
  personDecider,
  squadDecider,
  tribeDecider,
  type Actor,
  type PersonCommand,
  type TribeFacts,
  type UnitFacts,
  type UnitFactsById,
} from '../org-domain';

const admin: Actor = { personId: 'admin', isAdmin: true };
/** An admin acts: who leads the unit's tribe does not matter. */
const byAdmin = { actor: admin, tribeLeadId: null } as const;
const activeTribe: TribeFacts = { standing: 'active', leadId: null };

/**
 * Drives the org deciders against a real event store at chosen times, as the application would,
 * with the facts written out by hand: for read-model tests that need a history with dates.
 */
export class OrgScenario {
  readonly ids = new Map<string, string>();
  /** What the scenario knows of every squad, chapter and guild: the facts person commands need. */
  private readonly unitFacts = new Map<string, UnitFacts>();

  constructor(
    private readonly store: EventStore,
    readonly tenantId: string,
  ) {}

  /** A stable UUID per name used in the scenario. */
  id(name: string): string {
    let id = this.ids.get(name);
    if (!id) this.ids.set(name, (id = randomUUID()));
    return id;
  }

  private async run<C, S, E extends Event>(
    decider: Decider<C, S, E>,
    streamId: string,
    command: C,
    at: string,
    reason?: string,
  ) {
    await CommandHandler(decider)(this.store, streamId, (state) => decider.decide(command, state), {
      context: {
        tenantId: this.tenantId,
        actor: admin.personId,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        now: new Date(at),
        ...(reason ? { reason } : {}),
      },
    });
  }

  establish = (name: string, at: string) =>
    this.run(
      organisationDecider,
      orgStreams.organisation(this.tenantId),
      { type: 'EstablishOrganisation', organisationId: this.tenantId, name, actor: admin },
      at,
    );

  join = (person: string, at: string) =>
    this.run(
      personDecider,
      orgStreams.person(this.tenantId, this.id(person)),
      {
        type: 'JoinOrganisation',
        personId: this.id(person),
        name: person,
        email: `${person.toLowerCase()}@acme.test`,
        organisation: 'established',
        actor: admin,
      },
      at,
    );

  formTribe = (tribe: string, at: string) =>
    this.run(
      tribeDecider,
      orgStreams.tribe(this.tenantId, this.id(tribe)),
      {
        type: 'FormTribe',
        tribeId: this.id(tribe),
        name: tribe,
        mission: `${tribe} mission`,
        organisation: 'established',
        actor: admin,
      },
      at,
    );

  appointTribeLead = (tribe: string, person: string, at: string) =>
    this.run(
      tribeDecider,
      orgStreams.tribe(this.tenantId, this.id(tribe)),
      {
        type: 'AppointTribeLead',
        tribeId: this.id(tribe),
        personId: this.id(person),
        person: 'in-organisation',
        actor: admin,
      },
      at,
    );

  formSquad = (squad: string, tribe: string, at: string) =>
    this.known(squad, { standing: 'active', tribeId: this.id(tribe), leadIds: [] }).run(
      squadDecider,
      orgStreams.squad(this.tenantId, this.id(squad)),
      {
        type: 'FormSquad',
        squadId: this.id(squad),
        tribeId: this.id(tribe),
        name: squad,
        mission: `${squad} mission`,
        tribe: activeTribe,
        now: new Date(at),
        actor: admin,
      },
      at,
    );

  appointProductOwner = (squad: string, person: string, at: string) =>
    this.run(
      squadDecider,
      orgStreams.squad(this.tenantId, this.id(squad)),
      {
        type: 'AppointProductOwner',
        squadId: this.id(squad),
        personId: this.id(person),
        person: 'in-organisation',
        ...byAdmin,
      },
      at,
    );

  moveSquad = (squad: string, tribe: string, effectiveAt: string, at: string) =>
    this.known(squad, { standing: 'active', tribeId: this.id(tribe), leadIds: [] }).run(
      squadDecider,
      orgStreams.squad(this.tenantId, this.id(squad)),
      {
        type: 'MoveSquad',
        squadId: this.id(squad),
        toTribeId: this.id(tribe),
        toTribe: activeTribe,
        effectiveAt: new Date(effectiveAt),
        now: new Date(at),
        ...byAdmin,
      },
      at,
    );

  renameSquad = (squad: string, name: string, at: string) =>
    this.run(
      squadDecider,
      orgStreams.squad(this.tenantId, this.id(squad)),
      { type: 'RenameSquad', squadId: this.id(squad), name, ...byAdmin },
      at,
    );

  dissolveSquad = (squad: string, at: string) =>
    this.known(squad, { standing: 'dissolved', leadIds: [] }).run(
      squadDecider,
      orgStreams.squad(this.tenantId, this.id(squad)),
      { type: 'DissolveSquad', squadId: this.id(squad), reason: 'done', ...byAdmin },
      at,
      'done',
    );

  formChapter = (chapter: string, tribe: string, at: string) =>
    this.known(chapter, { standing: 'active', tribeId: this.id(tribe), leadIds: [] }).run(
      chapterDecider,
      orgStreams.chapter(this.tenantId, this.id(chapter)),
      {
        type: 'FormChapter',
        chapterId: this.id(chapter),
        tribeId: this.id(tribe),
        name: chapter,
        craft: chapter.toLowerCase(),
        tribe: activeTribe,
        actor: admin,
      },
      at,
    );

  appointChapterLead = (chapter: string, person: string, at: string) =>
    this.run(
      chapterDecider,
      orgStreams.chapter(this.tenantId, this.id(chapter)),
      {
        type: 'AppointChapterLead',
        chapterId: this.id(chapter),
        personId: this.id(person),
        person: 'in-organisation',
        ...byAdmin,
      },
      at,
    );

  dissolveChapter = (chapter: string, at: string) =>
    this.known(chapter, { standing: 'dissolved', leadIds: [] }).run(
      chapterDecider,
      orgStreams.chapter(this.tenantId, this.id(chapter)),
      { type: 'DissolveChapter', chapterId: this.id(chapter), reason: 'merged', ...byAdmin },
      at,
      'merged',
    );

  formGuild = (guild: string, at: string) =>
    this.known(guild, { standing: 'active', leadIds: [] }).run(
      guildDecider,
      orgStreams.guild(this.tenantId, this.id(guild)),
      {
        type: 'FormGuild',
        guildId: this.id(guild),
        name: guild,
        interest: `${guild} interest`,
        organisation: 'established',
        actor: admin,
      },
      at,
    );

  addCoordinator = (guild: string, person: string, at: string) =>
    this.run(
      guildDecider,
      orgStreams.guild(this.tenantId, this.id(guild)),
      {
        type: 'AddGuildCoordinator',
        guildId: this.id(guild),
        personId: this.id(person),
        person: 'in-organisation',
        actor: admin,
      },
      at,
    );

  /** A membership command for a person, with the unit facts given by the scenario. */
  person = (person: string, command: PersonCommand, at: string, reason?: string) =>
    this.run(personDecider, orgStreams.person(this.tenantId, this.id(person)), command, at, reason);

  /** Facts about every unit the scenario formed, as they stand now. */
  units = (): UnitFactsById => Object.fromEntries(this.unitFacts);

  /** A person joins or leaves a squad, chapter or guild, decided by an admin. */
  membership = (
    person: string,
    type: 'JoinSquad' | 'LeaveSquad' | 'JoinChapter' | 'LeaveChapter' | 'JoinGuild' | 'LeaveGuild',
    unit: string,
    at: string,
  ) => {
    const key = type.endsWith('Squad')
      ? 'squadId'
      : type.endsWith('Chapter')
        ? 'chapterId'
        : 'guildId';
    const command = {
      type,
      personId: this.id(person),
      [key]: this.id(unit),
      units: this.units(),
      actor: admin,
    } as unknown as PersonCommand;
    return this.person(person, command, at);
  };

  leaveOrganisation = (person: string, reason: string, at: string) =>
    this.person(
      person,
      {
        type: 'LeaveOrganisation',
        personId: this.id(person),
        reason,
        units: this.units(),
        actor: admin,
      },
      at,
      reason,
    );

  private known(unit: string, facts: UnitFacts): this {
    this.unitFacts.set(this.id(unit), facts);
    return this;
  }

  static readonly admin = admin;
}
