import type { RouteObject } from 'react-router';

export const recognitionRoutes: RouteObject[] = [
  {
    path: 'recognition',
    lazy: () =>
      import('./RecognitionScreen').then((module) => ({ Component: module.RecognitionScreen })),
  },
];
