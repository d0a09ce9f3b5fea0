import { Inject, Injectable } from '@nestjs/common';
import { viewerOf, type Owner, type Viewer } from '@rhythm/access-rules';
import { aggregateStream, type EventStore } from '@rhythm/event-sourcing';
import { ObjectiveSight } from '@rhythm/goals-directory';
import type { AuthenticatedActor } from '@rhythm/identity';
import type { RecognitionConfiguration } from '../recognition-configuration';
import {
  kudosAudienceIncludes,
  recognitionSettingsDecider,
  recognitionStreams,
  type KudosAudience,
  type KudosOnlooker,
  type KudosReceivers,
  type KudosSubject,
  type RecognitionSettings,
  type ReceiverUnits,
  type StorySubject,
  type SubjectFacts,
  type Unit,
} from '../recognition-domain';
import {
  RECOGNITION_CONFIGURATION,
  RECOGNITION_EVENT_STORE,
} from '../infrastructure/recognition-tokens';
import {
  GOALS_KNOWLEDGE,
  ORG_KNOWLEDGE,
  type DirectoryObjective,
  type GoalsKnowledge,
  type OrgKnowledge,
  type OrgPerson,
} from './recognition-directory.port';

/** Who reads or acts, in which organisation: every query and every command takes one. */
export type Reader = Readonly<{
  tenantId: string;
  viewer: Viewer;
  onlooker: KudosOnlooker;
  person?: OrgPerson;
}>;

const unitKinds = ['tribe', 'squad', 'chapter', 'guild'] as const;
const isUnit = (owner: Owner): owner is Unit =>
  (unitKinds as readonly string[]).includes(owner.kind);

/** A kudos as the audience rule reads it. */
export type KudosSight = Readonly<{
  giverId: string;
  to: KudosReceivers;
  audience: KudosAudience;
  about?: Readonly<{ objectiveId: string }>;
}>;

/**
 * What the service's directory (org and goals topics, never another service's store or API) says
 * about the people, units and goals a command or query names, judged by the written rules
 * (docs/security.md): a private objective the caller may not see is, to them, an objective that
 * does not exist; so is a private kudos not theirs.
 */
@Injectable()
export class RecognitionFacts {
  constructor(
    @Inject(ORG_KNOWLEDGE) private readonly org: OrgKnowledge,
    @Inject(GOALS_KNOWLEDGE) private readonly goals: GoalsKnowledge,
    @Inject(RECOGNITION_EVENT_STORE) private readonly store: EventStore,
    @Inject(RECOGNITION_CONFIGURATION)
    config: Pick<RecognitionConfiguration, 'RECOGNITION_DIRECTORY_WAIT_MS'>,
  ) {
    this.sight = new ObjectiveSight(
      {
        objective: (tenantId, id) => goals.objective(tenantId, id),
        unit: (t, u) => org.unit(t, u),
      },
      config.RECOGNITION_DIRECTORY_WAIT_MS,
    );
  }

  private readonly sight: ObjectiveSight;

  async readerOf(actor: AuthenticatedActor): Promise<Reader> {
    const person = await this.org.person(actor.tenantId, actor.personId);
    const viewer = viewerOf(actor.personId, actor.roles, person);
    const present = person?.status === 'active' ? person : undefined;
    return {
      tenantId: actor.tenantId,
      viewer,
      onlooker: {
        personId: actor.personId,
        ...(viewer.squadId === undefined ? {} : { squadId: viewer.squadId }),
        ...(viewer.chapterId === undefined ? {} : { chapterId: viewer.chapterId }),
        tribeIds: present?.tribeIds ?? [],
        guildIds: present?.guildIds ?? [],
        leads: viewer.leads.filter(isUnit),
      },
      ...(person === undefined ? {} : { person }),
    };
  }

  /** The organisation's recognition settings today (defaults until an admin sets them). */
  async settings(tenantId: string): Promise<RecognitionSettings> {
    const { state } = await aggregateStream(
      this.store,
      recognitionStreams.settings(tenantId),
      recognitionSettingsDecider,
    );
    return state;
  }

  /** Whether the reader may see the objective (docs/security.md; `ObjectiveSight`). */
  mayView(reader: Reader, objective: DirectoryObjective): Promise<boolean> {
    return this.sight.mayView(reader, objective);
  }

  /**
   * The objective if the reader may see it; an unknown one is waited for a little
   * (RECOGNITION_DIRECTORY_WAIT_MS) before it is called unknown. Queries pass `wait: false`.
   */
  visibleObjective(
    reader: Reader,
    objectiveId: string,
    options: Readonly<{ wait?: boolean }> = {},
  ): Promise<DirectoryObjective | undefined> {
    return this.sight.visibleObjective(reader, objectiveId, options);
  }

  /** Whether the reader may see this kudos: its audience, and the objective it is tied to. */
  async mayViewKudos(reader: Reader, kudos: KudosSight): Promise<boolean> {
    const receivers = await this.receiverUnits(reader.tenantId, kudos);
    if (!kudosAudienceIncludes(reader.onlooker, kudos, receivers)) return false;
    if (kudos.about === undefined) return true;
    return (
      (await this.visibleObjective(reader, kudos.about.objectiveId, { wait: false })) !== undefined
    );
  }

  /** What a kudos' subject is to the giver: unknown and hidden alike answer as unknown. */
  async subjectFacts(reader: Reader, about: KudosSubject): Promise<SubjectFacts> {
    const objective = await this.visibleObjective(reader, about.objectiveId);
    if (objective === undefined) return 'no-objective';
    if ('keyResultId' in about && about.keyResultId !== undefined) {
      const known = objective.keyResults.some((kr) => kr.keyResultId === about.keyResultId);
      if (!known) return 'no-key-result';
    }
    // Check-ins and blockers are the checkins context's; the directory knows their objective and
    // key result, which the giver may see: the id is taken as the giver names it (ADR 0049).
    return 'seen';
  }

  /** A story's subject for the one drafting it: achieved or not, and whose wall it goes to. */
  async storySubjectFacts(
    reader: Reader,
    about: StorySubject,
  ): Promise<'no-objective' | 'no-key-result' | { achieved: boolean; unit?: Unit }> {
    const objective = await this.visibleObjective(reader, about.objectiveId);
    if (objective === undefined) return 'no-objective';
    const unit = await this.wallOf(reader.tenantId, objective);
    if (about.kind === 'key-result') {
      const keyResult = objective.keyResults.find((kr) => kr.keyResultId === about.keyResultId);
      if (keyResult === undefined) return 'no-key-result';
      return { achieved: keyResult.achievedAt !== undefined, ...(unit ? { unit } : {}) };
    }
    return { achieved: objective.achievedAt !== undefined, ...(unit ? { unit } : {}) };
  }

  /**
   * The unit whose wall an objective's story goes to and whose lead publishes it: the owning
   * unit, or a person's squad (none for the company: an admin publishes to the organisation).
   */
  async wallOf(tenantId: string, objective: DirectoryObjective): Promise<Unit | undefined> {
    if (isUnit(objective.owner)) return { kind: objective.owner.kind, id: objective.owner.id };
    if (objective.owner.kind !== 'person') return undefined;
    const owner = await this.org.person(tenantId, objective.owner.id);
    return owner?.squadId === undefined ? undefined : { kind: 'squad', id: owner.squadId };
  }

  /** Who publishes a story on this unit's wall today: its leads; for none, the caller if admin. */
  async publisherIds(reader: Reader, unit: Unit | undefined): Promise<string[]> {
    if (unit === undefined) return reader.viewer.isAdmin ? [reader.viewer.personId] : [];
    return [...((await this.org.unit(reader.tenantId, unit))?.leadIds ?? [])];
  }

  /**
   * Whether the reader may see a story: one they may not see the objective of never; a draft
   * only its author and those who publish it; a published or withdrawn one everyone else too.
   */
  async mayViewStory(
    reader: Reader,
    story: Readonly<{ about: StorySubject; authorId: string; status: string }>,
    publisherIds: readonly string[],
  ): Promise<boolean> {
    const objective = await this.visibleObjective(reader, story.about.objectiveId, { wait: false });
    if (objective === undefined) return false;
    if (story.status !== 'draft') return true;
    const personId = reader.viewer.personId;
    return story.authorId === personId || publisherIds.includes(personId);
  }

  /** Of these people, those the directory does not know (or who left). */
  async unknownPeople(tenantId: string, personIds: readonly string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const known = await this.org.people(tenantId, personIds);
    return personIds.filter((id) => known.get(id)?.status !== 'active');
  }

  /** Of these units, those the directory does not know or that dissolved. */
  async unknownUnits(tenantId: string, units: readonly Unit[]): Promise<Unit[]> {
    const found = await Promise.all(units.map((unit) => this.org.unit(tenantId, unit)));
    return units.filter((_, index) => found[index]?.status !== 'active');
  }

  private async receiverUnits(
    tenantId: string,
    kudos: KudosSight,
  ): Promise<ReadonlyMap<string, ReceiverUnits>> {
    if (kudos.audience === 'public' || kudos.to.personIds.length === 0) return new Map();
    const people = await this.org.people(tenantId, kudos.to.personIds);
    return new Map(
      [...people].map(([personId, person]) => [
        personId,
        {
          ...(person.squadId === undefined ? {} : { squadId: person.squadId }),
          ...(person.chapterId === undefined ? {} : { chapterId: person.chapterId }),
        },
      ]),
    );
  }
}
