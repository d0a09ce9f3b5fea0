import type { RouteObject } from 'react-router';

export const recognitionRoutes: RouteObject[] = [
  {
    path: 'recognition',
    lazy: () =>
      import('./RecognitionScreen').then((module) => ({ Component: module.RecognitionScreen })),
  },
  {
    path: 'recognition/units/:kind/:id',
    lazy: () => import('./UnitWallScreen').then((module) => ({ Component: module.UnitWallScreen })),
  },
  {
    path: 'recognition/kudos/:kudosId',
    lazy: () => import('./KudosScreen').then((module) => ({ Component: module.KudosScreen })),
  },
  {
    path: 'recognition/celebrations/:achievementKey',
    lazy: () =>
      import('./CelebrationScreen').then((module) => ({ Component: module.CelebrationScreen })),
  },
  {
    path: 'recognition/stories/new',
    lazy: () => import('./NewStoryScreen').then((module) => ({ Component: module.NewStoryScreen })),
  },
  {
    path: 'recognition/stories/:storyId',
    lazy: () => import('./StoryScreen').then((module) => ({ Component: module.StoryScreen })),
  },
];
