import {
  asksOwnerTribe,
  mayView,
  subjectOfProposedObjective,
  viewerOf,
  type Owner,
  type Unit,
  type Viewer,
  type ViewerRecord,
  type VisibilitySubject,
} from './objective-visibility';

const member = (
  personId: string,
  fields: Partial<ViewerRecord & { tribeIds: string[]; guildIds: string[] }> = {},
): Viewer =>
  viewerOf(personId, ['member'], {
    leads: [],
    status: 'active',
    ...fields,
  });

const privateOf = (owner: Owner, more: Partial<VisibilitySubject> = {}): VisibilitySubject => ({
  visibility: 'private',
  owner,
  contributors: [],
  keyResultOwners: [],
  ...more,
});

// Tribe Payments (lead tom) holds squad Checkout (product owner ann, bob a member) and chapter
// Backend (lead cid); eve is in squad Onboarding of tribe Growth (product owner otto); gus
// coordinates the security guild, bob is one of its members; olga is an admin.
const checkout: Unit = { kind: 'squad', id: 'checkout' };
const backend: Unit = { kind: 'chapter', id: 'backend' };
const security: Unit = { kind: 'guild', id: 'security' };
const ann = member('ann', { squadId: 'checkout', tribeIds: ['payments'], leads: [checkout] });
const bob = member('bob', {
  squadId: 'checkout',
  chapterId: 'backend',
  tribeIds: ['payments'],
  guildIds: ['security'],
});
const cid = member('cid', { chapterId: 'backend', leads: [backend] });
const eve = member('eve', { squadId: 'onboarding', tribeIds: ['growth'] });
const otto = member('otto', {
  squadId: 'onboarding',
  leads: [{ kind: 'squad', id: 'onboarding' }],
});
const tom = member('tom', { leads: [{ kind: 'tribe', id: 'payments' }] });
const gus = member('gus', { guildIds: ['security'], leads: [security] });
const olga = viewerOf('olga', ['admin'], undefined);

describe('who may see an objective', () => {
  it('shows a public objective to everyone in the organisation', () => {
    expect(mayView(eve, { ...privateOf(checkout), visibility: 'public' })).toBe(true);
  });

  it('shows a private squad objective to its members, its product owner and admins', () => {
    const subject = privateOf(checkout);
    expect([ann, bob, olga].map((viewer) => mayView(viewer, subject))).toEqual([true, true, true]);
  });

  it('hides a private squad objective from another squad’s member and product owner', () => {
    const subject = privateOf(checkout);
    expect(mayView(eve, subject)).toBe(false);
    expect(mayView(otto, subject)).toBe(false);
    expect(mayView(otto, subject, 'payments')).toBe(false);
  });

  it('shows a private squad or chapter objective to the lead of its tribe, once the tribe is known', () => {
    expect(mayView(tom, privateOf(checkout))).toBe(false);
    expect(mayView(tom, privateOf(checkout), 'payments')).toBe(true);
    expect(mayView(tom, privateOf(backend), 'payments')).toBe(true);
    expect(mayView(tom, privateOf(checkout), 'growth')).toBe(false);
  });

  it('shows a private tribe objective to its lead, not to the people of its squads', () => {
    const subject = privateOf({ kind: 'tribe', id: 'payments' });
    expect(mayView(tom, subject)).toBe(true);
    expect(mayView(bob, subject)).toBe(false);
    expect(mayView(ann, subject)).toBe(false);
  });

  it('shows a private chapter objective to its members and lead', () => {
    expect(mayView(bob, privateOf(backend))).toBe(true);
    expect(mayView(cid, privateOf(backend))).toBe(true);
    expect(mayView(ann, privateOf(backend))).toBe(false);
  });

  it('shows a private guild objective to its coordinators, not to its members', () => {
    expect(mayView(gus, privateOf(security))).toBe(true);
    expect(mayView(bob, privateOf(security))).toBe(false);
  });

  it('shows a private personal objective to the person alone, beside admins', () => {
    const subject = privateOf({ kind: 'person', id: 'bob' });
    expect(mayView(bob, subject)).toBe(true);
    expect(mayView(olga, subject)).toBe(true);
    expect(mayView(ann, subject)).toBe(false);
    expect(mayView(tom, subject, 'payments')).toBe(false);
  });

  it('keeps a private company objective to the company’s leads and admins', () => {
    const subject = privateOf({ kind: 'company', id: 'acme' });
    expect(mayView(bob, subject)).toBe(false);
    expect(mayView(tom, subject)).toBe(false);
    expect(mayView(olga, subject)).toBe(true);
    expect(mayView(member('ceo', { leads: [{ kind: 'company', id: 'acme' }] }), subject)).toBe(
      true,
    );
  });

  it('shows a private objective to the contributors and key result owners listed on it', () => {
    expect(mayView(eve, privateOf(checkout, { contributors: ['eve'] }))).toBe(true);
    expect(mayView(eve, privateOf(checkout, { keyResultOwners: ['eve'] }))).toBe(true);
  });

  it('knows nothing of a person the directory does not know, beyond the token', () => {
    const stranger = viewerOf('zed', ['member'], undefined);
    expect(mayView(stranger, privateOf(checkout))).toBe(false);
    expect(mayView(stranger, privateOf({ kind: 'person', id: 'zed' }))).toBe(true);
  });

  it('grants nothing through roles it does not know', () => {
    const unknownRoles = viewerOf('eve', ['Admin', 'superuser'], undefined);
    expect(unknownRoles.isAdmin).toBe(false);
    expect(mayView(unknownRoles, privateOf(checkout))).toBe(false);
  });

  it('keeps no membership or lead of a person who left', () => {
    // A directory record holds more than the rule reads (name, tribes, guilds).
    const record = {
      personId: 'ann',
      name: 'Ann',
      squadId: 'checkout',
      tribeIds: ['payments'],
      guildIds: [],
      leads: [checkout],
      status: 'left' as const,
    };
    const left = viewerOf('ann', ['member'], record);
    expect(mayView(left, privateOf(checkout))).toBe(false);
  });

  it('asks for the owner’s tribe only for a tribe lead who sees it by no other rule', () => {
    expect(asksOwnerTribe(tom, privateOf(checkout))).toBe(true);
    expect(asksOwnerTribe(tom, privateOf(backend))).toBe(true);
    expect(asksOwnerTribe(tom, { ...privateOf(checkout), visibility: 'public' })).toBe(false);
    expect(asksOwnerTribe(tom, privateOf(checkout, { contributors: ['tom'] }))).toBe(false);
    expect(asksOwnerTribe(tom, privateOf(security))).toBe(false);
    expect(asksOwnerTribe(eve, privateOf(checkout))).toBe(false);
  });

  it('judges a proposed objective as the objective it would become, with no one listed yet', () => {
    const proposed = subjectOfProposedObjective(checkout, 'private');
    expect(mayView(bob, proposed)).toBe(true);
    expect(mayView(eve, proposed)).toBe(false);
    expect(mayView(eve, subjectOfProposedObjective(checkout, 'public'))).toBe(true);
  });
});
