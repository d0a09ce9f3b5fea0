import type { RouteObject } from 'react-router';

export const insightsRoutes: RouteObject[] = [
  {
    path: 'insights',
    lazy: () => import('./InsightsScreen').then((module) => ({ Component: module.InsightsScreen })),
  },
];
