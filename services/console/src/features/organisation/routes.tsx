import type { RouteObject } from 'react-router';

export const organisationRoutes: RouteObject[] = [
  {
    path: 'organisation',
    lazy: () =>
      import('./OrganisationScreen').then((module) => ({ Component: module.OrganisationScreen })),
  },
  {
    path: 'organisation/people/:personId',
    lazy: () => import('./PersonScreen').then((module) => ({ Component: module.PersonScreen })),
  },
  {
    // tribe, squad, chapter or guild
    path: 'organisation/:kind/:unitId',
    lazy: () => import('./UnitScreen').then((module) => ({ Component: module.UnitScreen })),
  },
];
