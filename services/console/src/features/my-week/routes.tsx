import type { RouteObject } from 'react-router';

export const myWeekRoutes: RouteObject[] = [
  {
    index: true,
    lazy: () => import('./MyWeekScreen').then((module) => ({ Component: module.MyWeekScreen })),
  },
];
