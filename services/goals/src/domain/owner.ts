/** What can own an objective: the company, a unit of the Spotify model, or one person. */
export const ownerKinds = ['company', 'tribe', 'squad', 'chapter', 'guild', 'person'] as const;
export type OwnerKind = (typeof ownerKinds)[number];

/** The owner of an objective. For the company the id is the organisation's id. */
export type Owner = Readonly<{ kind: OwnerKind; id: string }>;

/** An owner that has a lead (everything but a person): what proposals are made for. */
export type Unit = Readonly<{ kind: Exclude<OwnerKind, 'person'>; id: string }>;

export const sameOwner = (a: Owner, b: Owner): boolean => a.kind === b.kind && a.id === b.id;

export const isUnit = (owner: Owner): owner is Unit => owner.kind !== 'person';

export const describeOwner = (owner: Owner): string => `${owner.kind} ${owner.id}`;

export const ownerProblem = (owner: Owner): string | undefined => {
  if (!(ownerKinds as readonly string[]).includes(owner.kind)) {
    return `must be one of ${ownerKinds.join(', ')}`;
  }
  return owner.id.trim().length === 0 ? 'must name an id' : undefined;
};
