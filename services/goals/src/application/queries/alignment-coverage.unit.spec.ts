import type { Objective, ObjectiveKind, Owner } from '@rhythm/goals-domain';
import { alignmentCoverage } from './alignment-coverage';

const objective = (
  objectiveId: string,
  owner: Owner,
  fields: Partial<Pick<Objective, 'parents' | 'status'>> & { kind?: ObjectiveKind } = {},
): Objective => ({
  status: 'active',
  objectiveId,
  cycleId: 'q1',
  title: objectiveId,
  description: '',
  owner,
  kind: 'committed',
  visibility: 'public',
  keyResults: [],
  parents: [],
  followers: [],
  contributors: [],
  reviewNotes: [],
  ...fields,
});

const company: Owner = { kind: 'company', id: 'acme' };
const checkout: Owner = { kind: 'squad', id: 'checkout' };
const onboarding: Owner = { kind: 'squad', id: 'onboarding' };

describe('alignment coverage of a cycle', () => {
  it('gives the share of squad objectives aligned to a live objective of the cycle', () => {
    const coverage = alignmentCoverage([
      objective('c', company),
      objective('s1', checkout, { parents: ['c'] }),
      objective('s2', checkout, { parents: ['gone'] }),
      objective('s3', onboarding, { parents: ['dropped'] }),
      objective('dropped', company, { status: 'abandoned' }),
    ]);
    expect(coverage).toMatchObject({
      squadObjectives: 3,
      alignedSquadObjectives: 1,
      share: 0.3333,
    });
    expect(coverage.orphans.map((o) => o.objectiveId)).toEqual(['s2', 's3']);
  });

  it('has no share without squad objectives, and never calls the company an orphan', () => {
    const coverage = alignmentCoverage([objective('c', company)]);
    expect(coverage.share).toBeNull();
    expect(coverage.orphans).toEqual([]);
  });

  it('names units with more than five objectives or more than three committed ones', () => {
    const many = Array.from({ length: 6 }, (_, i) =>
      objective(`o${i}`, onboarding, { kind: 'aspirational' }),
    );
    const committed = Array.from({ length: 4 }, (_, i) => objective(`c${i}`, checkout));
    const personal = Array.from({ length: 7 }, (_, i) =>
      objective(`p${i}`, { kind: 'person', id: 'bob' }),
    );
    const coverage = alignmentCoverage([...many, ...committed, ...personal]);
    expect(coverage.overCommitted).toEqual([
      { owner: onboarding, objectives: 6, committed: 0, exceeds: ['objectives'] },
      { owner: checkout, objectives: 4, committed: 4, exceeds: ['committed'] },
    ]);
  });

  it('does not count abandoned objectives towards over-commitment', () => {
    const objectives = Array.from({ length: 6 }, (_, i) =>
      objective(`o${i}`, checkout, {
        kind: 'aspirational',
        status: i === 0 ? 'abandoned' : 'active',
      }),
    );
    expect(alignmentCoverage(objectives).overCommitted).toEqual([]);
  });
});
