import { Forbidden } from '@rhythm/event-sourcing';
import type { ChapterCommand } from './chapters/chapter.commands';
import type { GuildCommand } from './guilds/guild.commands';
import type { Actor } from './org-facts';
import type { OrganisationCommand } from './organisation/organisation.commands';
import type { PersonCommand } from './people/person.commands';
import type { SquadCommand } from './squads/squad.commands';
import type { TribeCommand } from './tribes/tribe.commands';

/** Every command the org context decides. */
export type OrgCommand =
  OrganisationCommand | PersonCommand | TribeCommand | SquadCommand | ChapterCommand | GuildCommand;

/**
 * Who, besides an admin, may hold a power: the columns of docs/security.md "Powers". Each is a
 * relation to the object at hand (the lead of *its* tribe, the product owner of *this* squad),
 * never a title: the product owner of another squad is a member here.
 */
export type PowerHolder =
  'tribe lead' | 'product owner' | 'chapter lead' | 'guild coordinator' | 'the person themselves';

export type Power = Readonly<{
  /** What the power lets one do, as a 403 names it: "may <to> <object>". */
  to: string;
  holders: readonly PowerHolder[];
}>;

/**
 * The table of powers over the org, row by row as docs/security.md writes it (ADR 0031). Admins
 * hold every power; a member holds none beyond the rows naming "the person themselves". A
 * decider asks `assertPower` with the people who hold each relation to its object, so no decider
 * can grant more than its row.
 */
export const orgPowers = {
  EstablishOrganisation: { to: 'establish', holders: [] },
  RenameOrganisation: { to: 'rename', holders: [] },
  JoinOrganisation: { to: 'register people in', holders: [] },
  UpdatePersonProfile: { to: 'change the name or e-mail of', holders: ['the person themselves'] },
  LeaveOrganisation: { to: 'record the leaving of', holders: [] },
  // GDPR art. 17 (ADR 0034): the person asks for it themselves, or an admin acts on a request.
  ErasePersonalData: { to: 'erase the personal data of', holders: ['the person themselves'] },
  FormTribe: { to: 'form tribes in', holders: [] },
  RenameTribe: { to: 'rename', holders: ['tribe lead'] },
  AppointTribeLead: { to: 'appoint the lead of', holders: [] },
  DissolveTribe: { to: 'dissolve', holders: [] },
  FormSquad: { to: 'form squads in', holders: ['tribe lead'] },
  RenameSquad: { to: 'rename', holders: ['tribe lead', 'product owner'] },
  AppointProductOwner: { to: 'appoint the product owner of', holders: ['tribe lead'] },
  // Checked on both tribes: the one the squad leaves and the one it joins.
  MoveSquad: { to: 'move squads out of or into', holders: ['tribe lead'] },
  DissolveSquad: { to: 'dissolve', holders: ['tribe lead'] },
  FormChapter: { to: 'form chapters in', holders: ['tribe lead'] },
  RenameChapter: { to: 'rename', holders: ['tribe lead', 'chapter lead'] },
  AppointChapterLead: { to: 'appoint the lead of', holders: ['tribe lead'] },
  DissolveChapter: { to: 'dissolve', holders: ['tribe lead'] },
  FormGuild: { to: 'form guilds in', holders: [] },
  RenameGuild: { to: 'rename', holders: ['guild coordinator'] },
  AddGuildCoordinator: { to: 'add coordinators to', holders: ['guild coordinator'] },
  // Coordinators are peers: one steps down, no one pushes another out (an admin may).
  RemoveGuildCoordinator: { to: 'remove coordinators of', holders: ['the person themselves'] },
  DissolveGuild: { to: 'dissolve', holders: [] },
  // A move into a squad also needs the powers to take the person out of what they leave.
  JoinSquad: { to: 'add people to', holders: ['tribe lead', 'product owner'] },
  LeaveSquad: { to: 'remove people from', holders: ['tribe lead', 'product owner'] },
  JoinChapter: { to: 'add people to', holders: ['tribe lead', 'chapter lead'] },
  LeaveChapter: { to: 'remove people from', holders: ['tribe lead', 'chapter lead'] },
  JoinGuild: { to: 'add people to', holders: ['guild coordinator', 'the person themselves'] },
  LeaveGuild: { to: 'remove people from', holders: ['guild coordinator', 'the person themselves'] },
} as const satisfies Record<OrgCommand['type'], Power>;

/** Who holds each relation to the object at hand: a person id, several, or nobody (vacant). */
export type PowerHolders = Partial<
  Record<PowerHolder, string | readonly string[] | null | undefined>
>;

const holds = (personId: string, ids: PowerHolders[PowerHolder]): boolean =>
  typeof ids === 'string' ? ids === personId : (ids ?? []).includes(personId);

const whoMay = (power: Power): string => {
  const who = ['an admin', ...power.holders.map((holder) => `the ${holder.replace(/^the /, '')}`)];
  return who.length === 1 ? who[0] : `${who.slice(0, -1).join(', ')} or ${who.at(-1)}`;
};

/**
 * The actor holds the command's power over `object` (e.g. "squad 42"), or a 403 says who does.
 * Only the holders the table lists for the command count, whatever else `holders` names.
 */
export const assertPower = (
  actor: Actor,
  command: OrgCommand['type'],
  holders: PowerHolders,
  object: string,
): void => {
  if (actor.isAdmin) return;
  const power: Power = orgPowers[command];
  if (power.holders.some((holder) => holds(actor.personId, holders[holder]))) return;
  throw new Forbidden(`Only ${whoMay(power)} may ${power.to} ${object}`);
};
