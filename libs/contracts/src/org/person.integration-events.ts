import { z } from 'zod';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { entityId, longText, membershipEndCause, unitName } from './org-contract-fields';

// Email addresses stay inside the org context: the topic is read by analytics consumers too.
export const personJoinedV1 = defineIntegrationEvent({
  type: 'org.person-joined',
  version: 1,
  description: 'A person joined the organisation.',
  schema: z.object({ personId: entityId, name: unitName }),
});

export const personProfileUpdatedV1 = defineIntegrationEvent({
  type: 'org.person-profile-updated',
  version: 1,
  description: 'A person updated their profile; name is the name they go by now.',
  schema: z.object({ personId: entityId, name: unitName }),
});

export const personLeftV1 = defineIntegrationEvent({
  type: 'org.person-left',
  version: 1,
  description:
    'A person left the organisation. Their squad, chapter and guild memberships ended in ' +
    'org.person-left-squad / -chapter / -guild events published just before this one.',
  schema: z.object({ personId: entityId, reason: longText }),
});

/**
 * An erased person's name, everywhere: in events read after their key is gone, in read models
 * and in what consumers show. Decided once (ADR 0034).
 */
export const erasedPersonName = 'Erased person';

/** What any other personal text of an erased person (a reason for leaving, say) reads as. */
export const erasedPersonalText = 'Personal data erased';

export const personErasedV1 = defineIntegrationEvent({
  type: 'org.person-erased',
  version: 1,
  description:
    "A person's personal data was erased (GDPR art. 17). From now on they are called " +
    `"${erasedPersonName}" and have no e-mail; their other personal texts read ` +
    `"${erasedPersonalText}". Drop what you kept of them: names, reasons, anything copied from ` +
    'earlier events of their stream. Their id stays. If they were still in the organisation, ' +
    'org.person-left (and the membership ends before it) came just before this event. Messages ' +
    'published before the erasure stay on the topic until its retention ends them.',
  schema: z.object({ personId: entityId }),
});

export const personJoinedSquadV1 = defineIntegrationEvent({
  type: 'org.person-joined-squad',
  version: 1,
  description:
    'A person became a member of a squad. When previousSquadId is set they moved: their ' +
    'membership of that squad ended at the same moment (a person is in at most one squad).',
  schema: z.object({ personId: entityId, squadId: entityId, previousSquadId: entityId.nullable() }),
});

export const personLeftSquadV1 = defineIntegrationEvent({
  type: 'org.person-left-squad',
  version: 1,
  description:
    'A person is no longer in the squad (on request, or because they left the organisation).',
  schema: z.object({ personId: entityId, squadId: entityId, cause: membershipEndCause }),
});

export const personJoinedChapterV1 = defineIntegrationEvent({
  type: 'org.person-joined-chapter',
  version: 1,
  description:
    "A person joined a chapter of their squad's tribe (a person is in at most one chapter).",
  schema: z.object({ personId: entityId, chapterId: entityId, tribeId: entityId }),
});

export const personLeftChapterV1 = defineIntegrationEvent({
  type: 'org.person-left-chapter',
  version: 1,
  description:
    'A person is no longer in the chapter: on request, because they left the organisation, or ' +
    "because they moved to a squad outside the chapter's tribe.",
  schema: z.object({
    personId: entityId,
    chapterId: entityId,
    cause: z.enum(['requested', 'left-organisation', 'moved-to-another-tribe']),
  }),
});

export const personJoinedGuildV1 = defineIntegrationEvent({
  type: 'org.person-joined-guild',
  version: 1,
  description: 'A person joined a guild (any number of guilds).',
  schema: z.object({ personId: entityId, guildId: entityId }),
});

export const personLeftGuildV1 = defineIntegrationEvent({
  type: 'org.person-left-guild',
  version: 1,
  description: 'A person left a guild (on request, or because they left the organisation).',
  schema: z.object({ personId: entityId, guildId: entityId, cause: membershipEndCause }),
});
