// Every namespace, English and Dutch. A feature keeps its strings beside it
// (features/<feature>/locales/{en,nl}.json); a test holds the two languages to the same keys.
import commonEn from './locales/en.json';
import commonNl from './locales/nl.json';
import signInEn from '../features/sign-in/locales/en.json';
import signInNl from '../features/sign-in/locales/nl.json';
import myWeekEn from '../features/my-week/locales/en.json';
import myWeekNl from '../features/my-week/locales/nl.json';
import organisationEn from '../features/organisation/locales/en.json';
import organisationNl from '../features/organisation/locales/nl.json';
import okrTreeEn from '../features/okr-tree/locales/en.json';
import okrTreeNl from '../features/okr-tree/locales/nl.json';
import objectiveEn from '../features/objective/locales/en.json';
import objectiveNl from '../features/objective/locales/nl.json';
import proposalsEn from '../features/proposals/locales/en.json';
import proposalsNl from '../features/proposals/locales/nl.json';
import blockersEn from '../features/blockers/locales/en.json';
import blockersNl from '../features/blockers/locales/nl.json';
import recognitionEn from '../features/recognition/locales/en.json';
import recognitionNl from '../features/recognition/locales/nl.json';
import insightsEn from '../features/insights/locales/en.json';
import insightsNl from '../features/insights/locales/nl.json';
import learningEn from '../features/learning/locales/en.json';
import learningNl from '../features/learning/locales/nl.json';
import tvBoardEn from '../features/tv-board/locales/en.json';
import tvBoardNl from '../features/tv-board/locales/nl.json';

export const defaultNamespace = 'common';

export const resources = {
  en: {
    common: commonEn,
    'sign-in': signInEn,
    'my-week': myWeekEn,
    organisation: organisationEn,
    'okr-tree': okrTreeEn,
    objective: objectiveEn,
    proposals: proposalsEn,
    blockers: blockersEn,
    recognition: recognitionEn,
    insights: insightsEn,
    learning: learningEn,
    'tv-board': tvBoardEn,
  },
  nl: {
    common: commonNl,
    'sign-in': signInNl,
    'my-week': myWeekNl,
    organisation: organisationNl,
    'okr-tree': okrTreeNl,
    objective: objectiveNl,
    proposals: proposalsNl,
    blockers: blockersNl,
    recognition: recognitionNl,
    insights: insightsNl,
    learning: learningNl,
    'tv-board': tvBoardNl,
  },
} as const;

export const namespaces = Object.keys(resources.en);
