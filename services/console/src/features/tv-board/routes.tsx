import type { RouteObject } from 'react-router';

export const tvBoardRoutes: RouteObject[] = [
  {
    path: '/board/:token',
    lazy: () => import('./TvBoardScreen').then((module) => ({ Component: module.TvBoardScreen })),
  },
];
