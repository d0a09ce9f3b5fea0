import { NotFound } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import type {
  Objective,
  ObjectiveState,
  Owner,
  Proposal,
  ProposalState,
  Visibility,
} from '@rhythm/goals-domain';
import { acmeDirectory } from '../../read-models/testing/acme-quarter';
import { VisibilityGate, type Reader } from './visibility.gate';

// Acme (read-models/testing/acme-quarter.ts): tom leads tribe Payments, which holds squad Checkout
// (ann its product owner, bob a member); eve is in squad Onboarding of tribe Growth; olga is an
// admin.
const objective = (
  objectiveId: string,
  owner: Owner,
  visibility: Visibility,
  more: Partial<Objective> = {},
): Objective => ({
  status: 'active',
  objectiveId,
  cycleId: 'q1',
  title: 'Replace the payment provider',
  description: '',
  owner,
  kind: 'committed',
  visibility,
  keyResults: [],
  parents: [],
  followers: [],
  contributors: [],
  reviewNotes: [],
  ...more,
});

const checkout: Owner = { kind: 'squad', id: 'checkout' };
const onboarding: Owner = { kind: 'squad', id: 'onboarding' };
const secret = objective('secret', checkout, 'private');
const onboardingSecret = objective('onboarding-secret', onboarding, 'private');
const open = objective('open', checkout, 'public');
const missing: ObjectiveState = { status: 'none' };

const keyResultProposal = (proposer: string, objectiveId: string): Proposal => ({
  status: 'open',
  proposalId: 'p-1',
  cycleId: 'q1',
  unit: { kind: 'squad', id: 'checkout' },
  proposer,
  subject: {
    kind: 'key-result',
    objectiveId,
    draft: {
      title: 'Refunds',
      metric: { type: 'percentage', unit: '%', start: 0, target: 100, direction: 'increase' },
      owner: proposer,
      weight: 1,
    },
  },
  revision: 1,
  comments: [],
  suggestions: [],
});

describe('the visibility gate', () => {
  const directory = acmeDirectory();
  const labelsOf = jest.spyOn(directory, 'labelsOf');
  const gate = new VisibilityGate(directory);
  const readerOf = (personId: string, roles: AuthenticatedActor['roles'] = ['member']) =>
    gate.readerOf({ personId, tenantId: 'acme', roles, correlationId: 'c-1' });
  let tom: Reader;
  let eve: Reader;
  let bob: Reader;

  beforeAll(async () => {
    [tom, eve, bob] = await Promise.all([readerOf('tom'), readerOf('eve'), readerOf('bob')]);
  });

  beforeEach(() => labelsOf.mockClear());

  it('shows a squad’s private objective to the lead of its tribe, asking the directory for the tribe', async () => {
    expect(await gate.visible(tom, [secret, onboardingSecret, open])).toEqual([secret, open]);
    expect(labelsOf).toHaveBeenCalledTimes(1);
    expect(labelsOf).toHaveBeenCalledWith('acme', [checkout, onboarding]);
  });

  it('asks the directory nothing for anyone but a tribe lead', async () => {
    expect(await gate.visible(bob, [secret, onboardingSecret, open])).toEqual([secret, open]);
    expect(await gate.visible(eve, [secret, onboardingSecret, open])).toEqual([
      onboardingSecret,
      open,
    ]);
    expect(labelsOf).not.toHaveBeenCalled();
  });

  it('admits to an objective one who may see it, and refuses a hidden one as a missing one', async () => {
    await expect(gate.objective(bob, 'secret')(secret)).resolves.toBeUndefined();
    const hidden = gate.objective(eve, 'secret')(secret);
    const unknown = gate.objective(eve, 'secret')(missing);
    await expect(hidden).rejects.toBeInstanceOf(NotFound);
    await expect(hidden).rejects.toThrow('Objective secret not found');
    await expect(unknown).rejects.toThrow('Objective secret not found');
  });

  it('hands an objective reached through another on only to one who may see it', async () => {
    expect(await gate.reached(bob, secret)).toBe(secret);
    expect(await gate.reached(eve, secret)).toEqual(missing);
  });

  it('shows a proposed key result as its objective is now, to its proposer too', async () => {
    const eves = keyResultProposal('eve', 'secret');
    expect(await gate.seesProposal(eve, eves, secret)).toBe(false);
    expect(await gate.seesProposal(bob, eves, secret)).toBe(true);
    expect(await gate.seesProposal(eve, eves, open)).toBe(true);
    // The read side has not caught up with the objective: taken for a private one of the unit.
    expect(await gate.seesProposal(eve, keyResultProposal('bob', 'new'), undefined)).toBe(false);
    expect(await gate.seesProposal(eve, eves, undefined)).toBe(true);
  });

  it('shows a proposed objective as the objective it would become, and to its proposer', async () => {
    const proposed = (visibility: Visibility): Proposal => ({
      ...keyResultProposal('eve', 'none'),
      subject: {
        kind: 'objective',
        draft: {
          title: 'Wallets',
          description: '',
          kind: 'aspirational',
          visibility,
          keyResults: [],
        },
      },
    });
    expect(await gate.seesProposal(eve, proposed('private'), undefined)).toBe(true);
    expect(await gate.seesProposal(bob, proposed('private'), undefined)).toBe(true);
    expect(await gate.seesProposal(await readerOf('gus'), proposed('private'), undefined)).toBe(
      false,
    );
    expect(await gate.seesProposal(await readerOf('gus'), proposed('public'), undefined)).toBe(
      true,
    );
  });

  it('admits to a proposal through its objective, refusing a hidden one as a missing one', async () => {
    const target = (objectiveId: string) =>
      Promise.resolve(objectiveId === 'secret' ? (secret as ObjectiveState) : missing);
    const proposal: ProposalState = keyResultProposal('bob', 'secret');
    await expect(gate.proposal(bob, 'p-1', target)(proposal)).resolves.toBeUndefined();
    await expect(gate.proposal(eve, 'p-1', target)(proposal)).rejects.toThrow(
      'Proposal p-1 not found',
    );
    await expect(gate.proposal(bob, 'p-1', target)({ status: 'none' })).rejects.toThrow(
      'Proposal p-1 not found',
    );
  });

  it('grants an admin sight of everything, and nothing to roles it does not know', async () => {
    const olga = await readerOf('olga', ['admin']);
    expect(await gate.visible(olga, [secret, onboardingSecret])).toHaveLength(2);
    const pretender = await readerOf('eve', [
      'Admin',
      'superuser',
    ] as unknown as AuthenticatedActor['roles']);
    expect(await gate.visible(pretender, [secret])).toEqual([]);
  });
});
