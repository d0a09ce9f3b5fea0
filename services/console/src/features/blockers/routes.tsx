import type { RouteObject } from 'react-router';

export const blockersRoutes: RouteObject[] = [
  {
    // ?unit=squad:<id> picks the unit; the screen starts from the person's own squad.
    path: 'blockers',
    lazy: () => import('./BlockersScreen').then((module) => ({ Component: module.BlockersScreen })),
  },
];
