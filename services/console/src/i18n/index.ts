import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { defaultNamespace, namespaces, resources } from './resources';

export const languages = ['en', 'nl'] as const;
export type Language = (typeof languages)[number];

/**
 * English and Dutch, every string. The browser's language decides until the person picks one in
 * the header (kept in localStorage); `?lng=nl` in the address overrides both.
 */
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    ns: namespaces,
    defaultNS: defaultNamespace,
    supportedLngs: languages,
    nonExplicitSupportedLngs: true,
    fallbackLng: 'en',
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    detection: {
      order: ['querystring', 'localStorage', 'navigator'],
      lookupQuerystring: 'lng',
      lookupLocalStorage: 'rhythm.language',
      caches: ['localStorage'],
    },
    returnNull: false,
  });

i18n.on('languageChanged', (language) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});

export default i18n;
