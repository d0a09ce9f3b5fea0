export * from './org-streams';
export * from './org-facts';
export * from './org-powers';
export * from './organisation/organisation.commands';
export * from './organisation/organisation.events';
export * from './organisation/organisation.decider';
export * from './people/person.commands';
export * from './people/person.events';
export * from './people/person.decider';
export * from './tribes/tribe.commands';
export * from './tribes/tribe.events';
export * from './tribes/tribe.decider';
export * from './squads/squad.commands';
export * from './squads/squad.events';
export * from './squads/squad.decider';
export * from './chapters/chapter.commands';
export * from './chapters/chapter.events';
export * from './chapters/chapter.decider';
export * from './guilds/guild.commands';
export * from './guilds/guild.events';
export * from './guilds/guild.decider';

// The edge's DTOs cap text as the deciders do, so the two cannot drift apart.
export { limits as inputLimits } from './field-rules';

import type { ChapterEvent } from './chapters/chapter.events';
import type { GuildEvent } from './guilds/guild.events';
import type { OrganisationEvent } from './organisation/organisation.events';
import type { PersonEvent } from './people/person.events';
import type { SquadEvent } from './squads/squad.events';
import type { TribeEvent } from './tribes/tribe.events';

/** Every event the org context records. */
export type OrgEvent =
  OrganisationEvent | PersonEvent | TribeEvent | SquadEvent | ChapterEvent | GuildEvent;
