import type { RouteObject } from 'react-router';

export const tvBoardRoutes: RouteObject[] = [
  {
    // Outside the signed-in layout: the signed link is the only key.
    path: '/board/:token',
    lazy: () => import('./TvBoardScreen').then((module) => ({ Component: module.TvBoardScreen })),
  },
];
