import type { RouteObject } from 'react-router';

export const okrTreeRoutes: RouteObject[] = [
  {
    path: 'tree',
    lazy: () => import('./OkrTreeScreen').then((module) => ({ Component: module.OkrTreeScreen })),
  },
];
