import type { Owner, Unit } from '@rhythm/goals-domain';
import type { DirectoryPerson } from '../org-directory.port';
import {
  mayView,
  mayViewProposal,
  viewerOf,
  type Viewer,
  type VisibilitySubject,
} from './objective-visibility.policy';

const member = (personId: string, fields: Partial<DirectoryPerson> = {}): Viewer =>
  viewerOf(personId, ['member'], {
    personId,
    name: personId,
    tribeIds: [],
    guildIds: [],
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

const checkout: Unit = { kind: 'squad', id: 'checkout' };
const ann = member('ann', { squadId: 'checkout', tribeIds: ['payments'], leads: [checkout] });
const bob = member('bob', {
  squadId: 'checkout',
  chapterId: 'backend',
  tribeIds: ['payments'],
  guildIds: ['security'],
});
const eve = member('eve', { squadId: 'onboarding', tribeIds: ['growth'] });
const tom = member('tom', { leads: [{ kind: 'tribe', id: 'payments' }] });
const olga = viewerOf('olga', ['admin'], undefined);

describe('who may see an objective', () => {
  it('shows a public objective to everyone in the organisation', () => {
    expect(mayView(eve, { ...privateOf(checkout), visibility: 'public' })).toBe(true);
  });

  it('shows a private squad objective to its members, its lead and admins only', () => {
    const subject = privateOf(checkout);
    expect(mayView(ann, subject)).toBe(true);
    expect(mayView(bob, subject)).toBe(true);
    expect(mayView(olga, subject)).toBe(true);
    expect(mayView(eve, subject)).toBe(false);
    expect(mayView(tom, subject)).toBe(false);
  });

  it('shows a private tribe objective to the tribe lead and the people of its squads and chapters', () => {
    const subject = privateOf({ kind: 'tribe', id: 'payments' });
    expect(mayView(tom, subject)).toBe(true);
    expect(mayView(bob, subject)).toBe(true);
    expect(mayView(eve, subject)).toBe(false);
  });

  it('shows private chapter and guild objectives to their members and leads', () => {
    expect(mayView(bob, privateOf({ kind: 'chapter', id: 'backend' }))).toBe(true);
    expect(mayView(ann, privateOf({ kind: 'chapter', id: 'backend' }))).toBe(false);
    expect(mayView(bob, privateOf({ kind: 'guild', id: 'security' }))).toBe(true);
    expect(mayView(ann, privateOf({ kind: 'guild', id: 'security' }))).toBe(false);
    const gus = member('gus', { leads: [{ kind: 'guild', id: 'security' }] });
    expect(mayView(gus, privateOf({ kind: 'guild', id: 'security' }))).toBe(true);
  });

  it('shows a private personal objective to the person, not to their product owner', () => {
    const subject = privateOf({ kind: 'person', id: 'bob' });
    expect(mayView(bob, subject)).toBe(true);
    expect(mayView(ann, subject)).toBe(false);
    expect(mayView(olga, subject)).toBe(true);
  });

  it('keeps a private company objective to the company’s leads and admins', () => {
    const subject = privateOf({ kind: 'company', id: 'acme' });
    expect(mayView(bob, subject)).toBe(false);
    expect(mayView(member('ceo', { leads: [{ kind: 'company', id: 'acme' }] }), subject)).toBe(
      true,
    );
  });

  it('shows a private objective to its contributors and key result owners', () => {
    expect(mayView(eve, privateOf(checkout, { contributors: ['eve'] }))).toBe(true);
    expect(mayView(eve, privateOf(checkout, { keyResultOwners: ['eve'] }))).toBe(true);
  });

  it('knows nothing of a person the directory does not know, beyond the token', () => {
    const stranger = viewerOf('zed', ['member'], undefined);
    expect(mayView(stranger, privateOf(checkout))).toBe(false);
    expect(mayView(stranger, privateOf({ kind: 'person', id: 'zed' }))).toBe(true);
  });

  it('shows a proposal as what it would become, and always to its proposer', () => {
    const proposal = { unit: checkout, proposer: 'eve', visibility: 'private' as const };
    expect(mayViewProposal(eve, proposal)).toBe(true);
    expect(mayViewProposal(bob, proposal)).toBe(true);
    expect(mayViewProposal(tom, proposal)).toBe(false);
    expect(mayViewProposal(tom, { ...proposal, visibility: 'public' })).toBe(true);
  });
});
