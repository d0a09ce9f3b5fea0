import {
  contextOfEventType,
  type IntegrationEnvelope,
  type LiveChange,
  type LiveSubject,
  type LiveSubjectKind,
} from '@rhythm/contracts';

/** Keys of integration event data that name a subject, and the subject they name. */
const kindOfKey: Readonly<Record<string, LiveSubjectKind>> = {
  organisationId: 'organisation',
  tribeId: 'unit',
  squadId: 'unit',
  chapterId: 'unit',
  guildId: 'unit',
  unitId: 'unit',
  fromTribeId: 'unit',
  toTribeId: 'unit',
  personId: 'person',
  giverId: 'person',
  authorId: 'person',
  receiverIds: 'person',
  cycleId: 'cycle',
  objectiveId: 'objective',
  proposalId: 'proposal',
  fromProposalId: 'proposal',
  ambitionId: 'ambition',
  checkInId: 'check-in',
  blockerId: 'blocker',
  kudosId: 'kudos',
  storyId: 'story',
  achievementKey: 'celebration',
};

const unitKinds = new Set(['tribe', 'squad', 'chapter', 'guild']);

/** Deep enough for `about.objectiveId` and `unit.id`; integration data is shallow. */
const MAX_DEPTH = 3;

const collect = (value: unknown, depth: number, found: Map<string, LiveSubject>): void => {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, depth + 1, found);
    return;
  }
  const record = value as Record<string, unknown>;
  // `{ kind: 'squad', id }`: a unit reference (the contracts' `unit` field).
  if (
    typeof record.kind === 'string' &&
    unitKinds.has(record.kind) &&
    typeof record.id === 'string'
  ) {
    add(found, 'unit', record.id);
  }
  for (const [key, field] of Object.entries(record)) {
    const kind = kindOfKey[key];
    if (kind && typeof field === 'string') add(found, kind, field);
    else if (kind && Array.isArray(field)) {
      for (const id of field) if (typeof id === 'string') add(found, kind, id);
    } else collect(field, depth + 1, found);
  }
};

const add = (found: Map<string, LiveSubject>, kind: LiveSubjectKind, id: string) => {
  if (id !== '') found.set(`${kind}:${id}`, { kind, id });
};

/**
 * What the console must refresh after an integration event: the subjects its data names, by the
 * ids the console keys its queries by. The subject whose stream carried the event gets the
 * stream's version, so that a reader can tell whether a read model shows the change yet.
 */
export const liveChangeOf = (envelope: IntegrationEnvelope): LiveChange => {
  const found = new Map<string, LiveSubject>();
  if (envelope.type.startsWith('org.organisation-')) add(found, 'organisation', envelope.tenantId);
  collect(envelope.data, 0, found);
  const subjects = [...found.values()].map((subject) =>
    streamOf(envelope.streamId, subject.id)
      ? { ...subject, version: envelope.streamRevision }
      : subject,
  );
  return {
    service: contextOfEventType(envelope.type),
    type: envelope.type,
    subjects,
    occurredAt: envelope.occurredAt,
  };
};

/** Stream ids end with the aggregate's id: `objective-<tenant>.<id>`. */
const streamOf = (streamId: string, id: string) =>
  streamId === id || streamId.endsWith(`.${id}`) || streamId.endsWith(`-${id}`);

/**
 * The subjects that may be private, most specific first: who may see the change is who may see
 * the first of these it names. A change naming none (an org unit, a cycle) is for the whole
 * organisation.
 */
export const guardedKinds: readonly LiveSubjectKind[] = [
  'kudos',
  'story',
  'celebration',
  'ambition',
  'blocker',
  'proposal',
  'objective',
];

export const guardOf = (change: LiveChange): LiveSubject | undefined => {
  for (const kind of guardedKinds) {
    const subject = change.subjects.find((candidate) => candidate.kind === kind);
    if (subject) return subject;
  }
  return undefined;
};
