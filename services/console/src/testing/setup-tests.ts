import '@testing-library/jest-dom';
import i18n from '../i18n';

// Component tests read English unless they switch; the detector would otherwise read jsdom's
// navigator language.
beforeEach(async () => {
  await i18n.changeLanguage('en');
});
