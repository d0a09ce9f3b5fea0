import type { RouteObject } from 'react-router';

export const signInRoutes: RouteObject[] = [
  {
    path: '/sign-in',
    lazy: () => import('./SignInScreen').then((module) => ({ Component: module.SignInScreen })),
  },
];
