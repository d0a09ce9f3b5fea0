import type { RouteObject } from 'react-router';
import { blockersRoutes } from '../features/blockers/routes';
import { insightsRoutes } from '../features/insights/routes';
import { learningRoutes } from '../features/learning/routes';
import { myWeekRoutes } from '../features/my-week/routes';
import { objectiveRoutes } from '../features/objective/routes';
import { okrTreeRoutes } from '../features/okr-tree/routes';
import { organisationRoutes } from '../features/organisation/routes';
import { proposalsRoutes } from '../features/proposals/routes';
import { recognitionRoutes } from '../features/recognition/routes';
import { signInRoutes } from '../features/sign-in/routes';
import { tvBoardRoutes } from '../features/tv-board/routes';
import { Layout } from './Layout';
import { NotFoundScreen } from './NotFoundScreen';

/**
 * Every screen, each feature owning its routes (features/<feature>/routes.tsx). Screens load on
 * demand (`lazy`), so the first screen's bundle carries only the shell and that screen.
 * The TV board and sign-in live outside the signed-in layout.
 */
export const consoleRoutes: RouteObject[] = [
  ...signInRoutes,
  ...tvBoardRoutes,
  {
    path: '/',
    element: <Layout />,
    children: [
      ...myWeekRoutes,
      ...organisationRoutes,
      ...okrTreeRoutes,
      ...objectiveRoutes,
      ...proposalsRoutes,
      ...blockersRoutes,
      ...recognitionRoutes,
      ...insightsRoutes,
      ...learningRoutes,
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
];
