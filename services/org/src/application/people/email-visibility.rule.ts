/**
 * Who may read a colleague's e-mail address (docs/security.md "Personal data"): the person
 * themselves, an admin, and those who lead them — the product owner of their squad, the lead of
 * that squad's tribe and the lead of their chapter, who hold powers over their memberships.
 * Everyone else sees their name and units, never the address.
 */
export const mayReadEmail = (
  viewer: Readonly<{ personId: string; isAdmin: boolean }>,
  personId: string,
  leadIds: readonly (string | null | undefined)[],
): boolean => viewer.isAdmin || viewer.personId === personId || leadIds.includes(viewer.personId);
