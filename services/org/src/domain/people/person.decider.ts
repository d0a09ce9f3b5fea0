import {
  AlreadyExists,
  NotFound,
  RuleViolated,
  assertNever,
  type Decider,
  rejectInvalid,
  textProblem,
} from '@rhythm/event-sourcing';
import { emailProblem, limits } from '../field-rules';
import type { UnitFacts, UnitFactsById } from '../org-facts';
import { assertPower, type PowerHolders } from '../org-powers';
import { assertActiveUnit, assertKnownUnit } from '../unit-standing.rule';
import type { JoinChapter, JoinSquad, LeaveOrganisation, PersonCommand } from './person.commands';
import type { PersonEvent } from './person.events';

export type PersonState =
  | Readonly<{ status: 'unknown' }>
  | Readonly<{
      status: 'in-organisation';
      personId: string;
      name: string;
      email: string;
      /**
       * Memberships as this stream recorded them. A unit's dissolution ends them without an event
       * here, so decisions look at `activeMemberships`, which weighs them against the unit facts.
       */
      squadId: string | null;
      chapter: Readonly<{ chapterId: string; tribeId: string }> | null;
      guildIds: readonly string[];
    }>
  | Readonly<{ status: 'left'; personId: string }>
  | Readonly<{ status: 'erased'; personId: string }>;

type PersonInOrganisation = Extract<PersonState, { status: 'in-organisation' }>;

const personInOrganisation = (state: PersonState, personId: string): PersonInOrganisation => {
  if (state.status === 'unknown') throw new NotFound(`Person ${personId} not found`);
  if (state.status === 'left' || state.status === 'erased') {
    throw new RuleViolated(`Person ${personId} has left the organisation`);
  }
  return state;
};

const factsOf = (units: UnitFactsById, unitId: string): UnitFacts => {
  const facts = units[unitId];
  // The handler supplies facts for every unit involved; a gap is a programming error, not input.
  if (facts === undefined) throw new Error(`No facts were supplied for unit ${unitId}`);
  return facts;
};

const activeMemberships = (person: PersonInOrganisation, units: UnitFactsById) => {
  const active = (unitId: string) => factsOf(units, unitId).standing === 'active';
  return {
    squadId: person.squadId !== null && active(person.squadId) ? person.squadId : null,
    chapter: person.chapter !== null && active(person.chapter.chapterId) ? person.chapter : null,
    guildIds: person.guildIds.filter(active),
  };
};

/** Who holds powers over a squad's or chapter's members: its tribe's lead and its own lead. */
const squadPowers = (squad: UnitFacts): PowerHolders => ({
  'tribe lead': squad.tribeLeadId,
  'product owner': squad.leadIds,
});
const chapterPowers = (chapter: UnitFacts): PowerHolders => ({
  'tribe lead': chapter.tribeLeadId,
  'chapter lead': chapter.leadIds,
});

const joinSquad = (command: JoinSquad, person: PersonInOrganisation): readonly PersonEvent[] => {
  const squad = factsOf(command.units, command.squadId);
  assertActiveUnit('Squad', command.squadId, squad.standing);
  const { actor } = command;
  assertPower(actor, 'JoinSquad', squadPowers(squad), `squad ${command.squadId}`);
  const current = activeMemberships(person, command.units);
  if (current.squadId === command.squadId) {
    throw new AlreadyExists(`${person.personId} is already in squad ${command.squadId}`);
  }
  // A move takes the person out of their squad, and out of their chapter when the tribe changes.
  const chapterLeft = current.chapter?.tribeId === squad.tribeId ? null : current.chapter;
  if (current.squadId !== null) {
    const from = factsOf(command.units, current.squadId);
    assertPower(actor, 'LeaveSquad', squadPowers(from), `squad ${current.squadId}`);
  }
  if (chapterLeft !== null) {
    const { chapterId } = chapterLeft;
    const chapter = factsOf(command.units, chapterId);
    assertPower(actor, 'LeaveChapter', chapterPowers(chapter), `chapter ${chapterId}`);
  }
  const { personId } = person;
  const joined: PersonEvent =
    current.squadId === null
      ? { type: 'PersonJoinedSquad', data: { personId, squadId: command.squadId } }
      : {
          type: 'PersonMovedToSquad',
          data: { personId, fromSquadId: current.squadId, toSquadId: command.squadId },
        };
  // Chapters live within a tribe: a move into another tribe ends the chapter membership.
  const leftChapter: readonly PersonEvent[] =
    chapterLeft !== null
      ? [
          {
            type: 'PersonLeftChapter',
            data: {
              personId,
              chapterId: chapterLeft.chapterId,
              cause: 'moved-to-another-tribe',
            },
          },
        ]
      : [];
  return [joined, ...leftChapter];
};

const joinChapter = (
  command: JoinChapter,
  person: PersonInOrganisation,
): readonly PersonEvent[] => {
  const chapter = factsOf(command.units, command.chapterId);
  assertActiveUnit('Chapter', command.chapterId, chapter.standing);
  assertPower(command.actor, command.type, chapterPowers(chapter), `chapter ${command.chapterId}`);
  const current = activeMemberships(person, command.units);
  if (current.chapter?.chapterId === command.chapterId) {
    throw new AlreadyExists(`${person.personId} is already in chapter ${command.chapterId}`);
  }
  if (current.chapter !== null) {
    throw new RuleViolated(
      `${person.personId} is in chapter ${current.chapter.chapterId}: a person is in at most ` +
        'one chapter, leave it first',
      { chapterId: 'already in another chapter' },
    );
  }
  const squadTribeId =
    current.squadId === null ? undefined : factsOf(command.units, current.squadId).tribeId;
  if (chapter.tribeId === undefined || squadTribeId !== chapter.tribeId) {
    throw new RuleViolated(
      `Chapter ${command.chapterId} belongs to tribe ${chapter.tribeId ?? '?'}: only people in a ` +
        'squad of that tribe may join it',
      { chapterId: 'not in a squad of the chapter’s tribe' },
    );
  }
  return [
    {
      type: 'PersonJoinedChapter',
      data: { personId: person.personId, chapterId: command.chapterId, tribeId: chapter.tribeId },
    },
  ];
};

/** A person leaving: each active membership ends explicitly, then the organisation (ADR 0010). */
const departureOf = (
  person: PersonInOrganisation,
  units: UnitFactsById,
  reason: string,
): readonly PersonEvent[] => {
  const { personId } = person;
  const current = activeMemberships(person, units);
  const cause = 'left-organisation';
  return [
    ...(current.squadId === null
      ? []
      : [
          { type: 'PersonLeftSquad', data: { personId, squadId: current.squadId, cause } } as const,
        ]),
    ...(current.chapter === null
      ? []
      : [
          {
            type: 'PersonLeftChapter',
            data: { personId, chapterId: current.chapter.chapterId, cause },
          } as const,
        ]),
    ...current.guildIds.map(
      (guildId) => ({ type: 'PersonLeftGuild', data: { personId, guildId, cause } }) as const,
    ),
    { type: 'PersonLeftOrganisation', data: { personId, reason } },
  ];
};

const leaveOrganisation = (
  command: LeaveOrganisation,
  person: PersonInOrganisation,
): readonly PersonEvent[] => {
  assertPower(command.actor, command.type, {}, `person ${person.personId}`);
  rejectInvalid({ reason: textProblem(command.reason, limits.reason) });
  return departureOf(person, command.units, command.reason.trim());
};

const decide = (command: PersonCommand, state: PersonState): readonly PersonEvent[] => {
  switch (command.type) {
    case 'JoinOrganisation': {
      assertPower(command.actor, command.type, {}, 'the organisation');
      if (state.status !== 'unknown') {
        throw new AlreadyExists(`Person ${command.personId} already joined the organisation`);
      }
      if (command.organisation !== 'established') {
        throw new RuleViolated('The organisation must be established before people join');
      }
      rejectInvalid({
        name: textProblem(command.name, limits.name),
        email: emailProblem(command.email),
      });
      return [
        {
          type: 'PersonJoinedOrganisation',
          data: {
            personId: command.personId,
            name: command.name.trim(),
            email: command.email.trim().toLowerCase(),
          },
        },
      ];
    }
    case 'UpdatePersonProfile': {
      const person = personInOrganisation(state, command.personId);
      assertPower(
        command.actor,
        command.type,
        { 'the person themselves': person.personId },
        `person ${person.personId}`,
      );
      rejectInvalid({
        name: textProblem(command.name, limits.name),
        email: emailProblem(command.email),
      });
      const name = command.name.trim();
      const email = command.email.trim().toLowerCase();
      if (name === person.name && email === person.email) return [];
      return [{ type: 'PersonProfileUpdated', data: { personId: person.personId, name, email } }];
    }
    case 'LeaveOrganisation':
      return leaveOrganisation(command, personInOrganisation(state, command.personId));
    case 'ErasePersonalData': {
      if (state.status === 'unknown') throw new NotFound(`Person ${command.personId} not found`);
      const { personId } = state;
      assertPower(
        command.actor,
        command.type,
        { 'the person themselves': personId },
        `person ${personId}`,
      );
      // Repeating an erasure changes nothing (the key is destroyed again, which is a no-op).
      if (state.status === 'erased') return [];
      // Still in the organisation: they leave it as leaving does, memberships ended explicitly.
      const departure =
        state.status === 'in-organisation'
          ? departureOf(state, command.units, 'personal data erased')
          : [];
      return [...departure, { type: 'PersonErased', data: { personId } }];
    }
    case 'JoinSquad':
      return joinSquad(command, personInOrganisation(state, command.personId));
    case 'LeaveSquad': {
      const person = personInOrganisation(state, command.personId);
      const squad = factsOf(command.units, command.squadId);
      assertKnownUnit('Squad', command.squadId, squad.standing);
      assertPower(command.actor, command.type, squadPowers(squad), `squad ${command.squadId}`);
      if (activeMemberships(person, command.units).squadId !== command.squadId) {
        throw new NotFound(`${person.personId} is not in squad ${command.squadId}`);
      }
      return [
        {
          type: 'PersonLeftSquad',
          data: { personId: person.personId, squadId: command.squadId, cause: 'requested' },
        },
      ];
    }
    case 'JoinChapter':
      return joinChapter(command, personInOrganisation(state, command.personId));
    case 'LeaveChapter': {
      const person = personInOrganisation(state, command.personId);
      const chapter = factsOf(command.units, command.chapterId);
      assertKnownUnit('Chapter', command.chapterId, chapter.standing);
      assertPower(
        command.actor,
        command.type,
        chapterPowers(chapter),
        `chapter ${command.chapterId}`,
      );
      if (activeMemberships(person, command.units).chapter?.chapterId !== command.chapterId) {
        throw new NotFound(`${person.personId} is not in chapter ${command.chapterId}`);
      }
      return [
        {
          type: 'PersonLeftChapter',
          data: { personId: person.personId, chapterId: command.chapterId, cause: 'requested' },
        },
      ];
    }
    case 'JoinGuild':
    case 'LeaveGuild': {
      const person = personInOrganisation(state, command.personId);
      const guild = factsOf(command.units, command.guildId);
      if (command.type === 'JoinGuild') assertActiveUnit('Guild', command.guildId, guild.standing);
      else assertKnownUnit('Guild', command.guildId, guild.standing);
      // People join and leave guilds themselves; admins and coordinators may do it for them.
      assertPower(
        command.actor,
        command.type,
        { 'guild coordinator': guild.leadIds, 'the person themselves': person.personId },
        `guild ${command.guildId}`,
      );
      const member = activeMemberships(person, command.units).guildIds.includes(command.guildId);
      if (command.type === 'JoinGuild') {
        if (member) {
          throw new AlreadyExists(`${person.personId} is already in guild ${command.guildId}`);
        }
        return [
          {
            type: 'PersonJoinedGuild',
            data: { personId: person.personId, guildId: command.guildId },
          },
        ];
      }
      if (!member) throw new NotFound(`${person.personId} is not in guild ${command.guildId}`);
      return [
        {
          type: 'PersonLeftGuild',
          data: { personId: person.personId, guildId: command.guildId, cause: 'requested' },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

const evolve = (state: PersonState, event: PersonEvent): PersonState => {
  if (event.type === 'PersonErased') return { status: 'erased', personId: event.data.personId };
  if (event.type === 'PersonJoinedOrganisation') {
    const { personId, name, email } = event.data;
    return {
      status: 'in-organisation',
      personId,
      name,
      email,
      squadId: null,
      chapter: null,
      guildIds: [],
    };
  }
  if (state.status !== 'in-organisation') return state;
  switch (event.type) {
    case 'PersonProfileUpdated':
      return { ...state, name: event.data.name, email: event.data.email };
    case 'PersonLeftOrganisation':
      return { status: 'left', personId: state.personId };
    case 'PersonJoinedSquad':
      return { ...state, squadId: event.data.squadId };
    case 'PersonMovedToSquad':
      return { ...state, squadId: event.data.toSquadId };
    case 'PersonLeftSquad':
      return { ...state, squadId: null };
    case 'PersonJoinedChapter':
      return {
        ...state,
        chapter: { chapterId: event.data.chapterId, tribeId: event.data.tribeId },
      };
    case 'PersonLeftChapter':
      return { ...state, chapter: null };
    case 'PersonJoinedGuild':
      return {
        ...state,
        // Kept free of duplicates whatever the stream holds.
        guildIds: [...state.guildIds.filter((id) => id !== event.data.guildId), event.data.guildId],
      };
    case 'PersonLeftGuild':
      return { ...state, guildIds: state.guildIds.filter((id) => id !== event.data.guildId) };
    default:
      return assertNever(event);
  }
};

export const personDecider: Decider<PersonCommand, PersonState, PersonEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'unknown' }),
};
