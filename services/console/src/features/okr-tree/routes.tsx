import type { RouteObject } from 'react-router';

const screen = () => import('./OkrTreeScreen');

export const okrTreeRoutes: RouteObject[] = [
  {
    path: 'tree',
    lazy: () => screen().then((module) => ({ Component: module.ActiveCycleTreeScreen })),
  },
  {
    path: 'cycles/:cycleId/tree',
    lazy: () => screen().then((module) => ({ Component: module.OkrTreeScreen })),
  },
];
