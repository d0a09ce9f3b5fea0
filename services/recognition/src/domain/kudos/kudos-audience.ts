import type { Unit } from '../directory-facts';
import type { KudosAudience, KudosReceivers } from './kudos.events';

/** Who looks at a kudos, with what the org directory knows of them today. */
export type KudosOnlooker = Readonly<{
  personId: string;
  squadId?: string;
  chapterId?: string;
  tribeIds: readonly string[];
  guildIds: readonly string[];
  /** Units this person leads today. */
  leads: readonly Unit[];
}>;

/** A receiver's squad and chapter today: their leads may see a private kudos to them. */
export type ReceiverUnits = Readonly<{ squadId?: string; chapterId?: string }>;

const leads = (onlooker: KudosOnlooker, unit: Unit): boolean =>
  onlooker.leads.some((led) => led.kind === unit.kind && led.id === unit.id);

const belongsTo = (onlooker: KudosOnlooker, unit: Unit): boolean => {
  switch (unit.kind) {
    case 'squad':
      return onlooker.squadId === unit.id;
    case 'chapter':
      return onlooker.chapterId === unit.id;
    case 'tribe':
      return onlooker.tribeIds.includes(unit.id);
    case 'guild':
      return onlooker.guildIds.includes(unit.id);
  }
};

/**
 * Whether a kudos' audience takes this onlooker in (docs/security.md, "Recognition"): a public
 * kudos everyone in the organisation; a private one its giver, the people thanked and their
 * squad's and chapter's leads, and for a unit thanked its members and leads. Memberships are
 * today's: someone who moved on stops seeing what their old lead was thanked for privately. A
 * kudos tied to an objective is, besides, only for those who may see the objective (the
 * application asks `mayView` for that).
 */
export const kudosAudienceIncludes = (
  onlooker: KudosOnlooker,
  kudos: Readonly<{ giverId: string; to: KudosReceivers; audience: KudosAudience }>,
  receivers: ReadonlyMap<string, ReceiverUnits>,
): boolean => {
  if (kudos.audience === 'public') return true;
  if (kudos.giverId === onlooker.personId) return true;
  if (kudos.to.personIds.includes(onlooker.personId)) return true;
  const unit = kudos.to.unit;
  if (unit !== undefined && (belongsTo(onlooker, unit) || leads(onlooker, unit))) return true;
  return kudos.to.personIds.some((personId) => {
    const units = receivers.get(personId);
    return (
      (units?.squadId !== undefined && leads(onlooker, { kind: 'squad', id: units.squadId })) ||
      (units?.chapterId !== undefined && leads(onlooker, { kind: 'chapter', id: units.chapterId }))
    );
  });
};
