import type { RouteObject } from 'react-router';

export const objectiveRoutes: RouteObject[] = [
  {
    path: 'objectives/:objectiveId',
    lazy: () =>
      import('./ObjectiveScreen').then((module) => ({ Component: module.ObjectiveScreen })),
  },
];
