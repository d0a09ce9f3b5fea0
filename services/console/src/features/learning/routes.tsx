import type { RouteObject } from 'react-router';

export const learningRoutes: RouteObject[] = [
  {
    path: 'learning',
    lazy: () => import('./LearningScreen').then((module) => ({ Component: module.LearningScreen })),
  },
];
