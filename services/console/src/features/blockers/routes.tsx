import type { RouteObject } from 'react-router';

export const blockersRoutes: RouteObject[] = [
  {
    path: 'blockers',
    lazy: () => import('./BlockersScreen').then((module) => ({ Component: module.BlockersScreen })),
  },
];
