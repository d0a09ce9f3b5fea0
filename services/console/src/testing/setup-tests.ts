import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import i18n from '../i18n';

// `findBy…` and `waitFor` wait for the screen to settle, not for a speed goal: CI runs these beside
// the integration tiers on two cores, where a first render with its fetches can take seconds.
// The default (1 s) failed there once with the screen still loading, so they wait up to 5 s.
configure({ asyncUtilTimeout: 5_000 });

// Component tests read English unless they switch; the detector would otherwise read jsdom's
// navigator language.
beforeEach(async () => {
  await i18n.changeLanguage('en');
});
