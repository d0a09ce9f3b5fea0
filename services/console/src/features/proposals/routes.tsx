import type { RouteObject } from 'react-router';

export const proposalsRoutes: RouteObject[] = [
  {
    path: 'proposals',
    lazy: () =>
      import('./ProposalsScreen').then((module) => ({ Component: module.ProposalsScreen })),
  },
];
