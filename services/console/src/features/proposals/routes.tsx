import type { RouteObject } from 'react-router';

// Static paths (new, new-objective, from-template, ambitions) rank above `:proposalId`.
export const proposalsRoutes: RouteObject[] = [
  {
    path: 'proposals',
    lazy: () =>
      import('./ProposalsScreen').then((module) => ({ Component: module.ProposalsScreen })),
  },
  {
    path: 'proposals/new',
    lazy: () =>
      import('./NewProposalScreen').then((module) => ({ Component: module.NewProposalScreen })),
  },
  {
    path: 'proposals/new-objective',
    lazy: () =>
      import('./NewObjectiveScreen').then((module) => ({ Component: module.NewObjectiveScreen })),
  },
  {
    path: 'proposals/from-template',
    lazy: () =>
      import('./TemplateObjectiveScreen').then((module) => ({
        Component: module.TemplateObjectiveScreen,
      })),
  },
  {
    path: 'proposals/ambitions',
    lazy: () =>
      import('./AmbitionsScreen').then((module) => ({ Component: module.AmbitionsScreen })),
  },
  {
    path: 'proposals/:proposalId',
    lazy: () => import('./ProposalScreen').then((module) => ({ Component: module.ProposalScreen })),
  },
];
