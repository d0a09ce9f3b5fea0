import type { OrgTree } from '../org-directory';

// A small organisation for the recognition and insights component tests: one tribe with a squad
// and a chapter, one guild; Ann is signed in and leads the squad.
export const ann = '0a000000-0000-4000-8000-000000000001';
export const ben = '0a000000-0000-4000-8000-000000000002';
export const cas = '0a000000-0000-4000-8000-000000000003';
export const payments = '0b000000-0000-4000-8000-000000000001';
export const checkout = '0b000000-0000-4000-8000-000000000002';
export const backend = '0b000000-0000-4000-8000-000000000003';
export const testers = '0b000000-0000-4000-8000-000000000004';

export const acmeTree: OrgTree = {
  asOf: '2026-03-02T09:00:00.000Z',
  organisation: { organisationId: 'acme', name: 'Acme' },
  tribes: [
    {
      tribeId: payments,
      name: 'Payments',
      mission: 'Money moves safely',
      lead: null,
      squads: [
        {
          squadId: checkout,
          name: 'Checkout',
          mission: 'Paying takes one tap',
          productOwner: { personId: ann, name: 'Ann' },
          members: [
            { personId: ann, name: 'Ann' },
            { personId: ben, name: 'Ben' },
          ],
        },
      ],
      chapters: [
        {
          chapterId: backend,
          name: 'Backend',
          craft: 'Services',
          lead: null,
          members: [{ personId: cas, name: 'Cas' }],
        },
      ],
    },
  ],
  guilds: [
    { guildId: testers, name: 'Testers', interest: 'Testing', coordinators: [], members: [] },
  ],
  withoutSquad: [],
};

export const annSession = {
  personId: ann,
  organisationId: 'acme',
  name: 'Ann',
  roles: ['member'],
  method: 'development',
};

/** The gateway's answers every recognition screen reads. */
export const recognitionBasics = {
  '/api/session/': annSession,
  '/api/org/org/tree': acmeTree,
  '/api/recognition/settings': {
    values: ['ownership', 'customer-first'],
    streakMilestones: [4, 8],
    kudosPerHour: 2,
  },
  '/api/goals/people/me/okrs': { owned: [], contributed: [] },
};
