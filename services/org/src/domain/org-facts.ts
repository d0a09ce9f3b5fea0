/**
 * Facts about other aggregates that a command needs to be decided. The application layer reads
 * them from those aggregates' streams just before deciding and passes them in, so deciders stay
 * pure and every rule has a given/when/then spec (ADR 0010).
 */
export type UnitStanding = 'active' | 'dissolved' | 'unknown';

/** What a person's decision needs to know about a squad, chapter or guild. */
export type UnitFacts = Readonly<{
  standing: UnitStanding;
  /** The squad's current tribe, or the chapter's tribe; absent for guilds. */
  tribeId?: string;
  /** Who leads it: the product owner, the chapter lead, or the guild coordinators. */
  leadIds: readonly string[];
  /** Who leads the tribe of a squad or chapter (ADR 0031: powers over a unit); absent if vacant. */
  tribeLeadId?: string;
}>;

export type UnitFactsById = Readonly<Record<string, UnitFacts>>;

/** What a command needs to know about a tribe it names or its unit belongs to. */
export type TribeFacts = Readonly<{ standing: UnitStanding; leadId: string | null }>;

export type PersonStanding = 'in-organisation' | 'left' | 'unknown';

export type OrganisationStanding = 'established' | 'unknown';

/** Who gives the command, as far as domain rules care. */
export type Actor = Readonly<{ personId: string; isAdmin: boolean }>;
