import type { AchievementCelebrated } from './celebration.events';
import type { Achievement, AchievementKind } from './achievement';

/** People read celebrations in English or Dutch (PRODUCT.md, section 5). */
export const languages = ['en', 'nl'] as const;
export type Language = (typeof languages)[number];

/**
 * The reader's language from an `Accept-Language` header: the first supported one by weight,
 * English when none is.
 */
export const languageOf = (acceptLanguage: string | undefined): Language => {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.split('-')[0] ?? '', weight: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  const match = ranked.find((entry) => (languages as readonly string[]).includes(entry.primary));
  return (match?.primary as Language | undefined) ?? 'en';
};

type Celebrated = AchievementCelebrated['data'];
type Of<Kind extends AchievementKind> = Extract<Achievement, { kind: Kind }>;
/** A person's display name, read when the text is (an erased person reads as erased). */
type NameOf = (personId: string) => string;

type Phrases = Readonly<{
  [Kind in AchievementKind]: (
    achievement: Of<Kind>,
    celebrated: Celebrated,
    nameOf: NameOf,
  ) => string;
}>;

const number = (language: Language, value: number): string =>
  new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    maximumFractionDigits: 2,
  }).format(value);

/** The message catalogue: one phrase per achievement and language, as goals keeps its templates. */
const catalogue: Readonly<Record<Language, Phrases>> = {
  en: {
    'key-result-achieved': (a, c) =>
      `Key result “${c.keyResultTitle ?? a.keyResultId}” of “${c.objectiveTitle ?? a.objectiveId}” reached its target: ${number('en', a.value)} of ${number('en', a.target)}.`,
    'objective-achieved': (a, c) =>
      `Objective “${c.objectiveTitle ?? a.objectiveId}” is achieved: every key result reached its target.`,
    'objective-scored': (a, c) =>
      `Cycle ${a.cycleId} closed: “${c.objectiveTitle ?? a.objectiveId}” scored ${number('en', a.score)}.`,
    'blocker-resolved': (a, c, nameOf) =>
      `A blocker on “${c.objectiveTitle ?? a.objectiveId}” was resolved by ${nameOf(a.resolvedBy)}.`,
    'streak-milestone': (a, _c, nameOf) =>
      `${nameOf(a.personId)} checked in ${a.weeks} weeks in a row.`,
  },
  nl: {
    'key-result-achieved': (a, c) =>
      `Key result “${c.keyResultTitle ?? a.keyResultId}” van “${c.objectiveTitle ?? a.objectiveId}” heeft zijn doel bereikt: ${number('nl', a.value)} van ${number('nl', a.target)}.`,
    'objective-achieved': (a, c) =>
      `Objective “${c.objectiveTitle ?? a.objectiveId}” is behaald: elk key result heeft zijn doel bereikt.`,
    'objective-scored': (a, c) =>
      `Cyclus ${a.cycleId} is afgesloten: “${c.objectiveTitle ?? a.objectiveId}” scoorde ${number('nl', a.score)}.`,
    'blocker-resolved': (a, c, nameOf) =>
      `Een blokkade op “${c.objectiveTitle ?? a.objectiveId}” is opgelost door ${nameOf(a.resolvedBy)}.`,
    'streak-milestone': (a, _c, nameOf) =>
      `${nameOf(a.personId)} deed ${a.weeks} weken op rij een check-in.`,
  },
};

/** A celebration's text in the reader's language. */
export const celebrationText = (
  celebrated: Celebrated,
  language: Language,
  nameOf: NameOf = (personId) => personId,
): string => {
  const phrases = catalogue[language];
  const achievement = celebrated.achievement;
  switch (achievement.kind) {
    case 'key-result-achieved':
      return phrases[achievement.kind](achievement, celebrated, nameOf);
    case 'objective-achieved':
      return phrases[achievement.kind](achievement, celebrated, nameOf);
    case 'objective-scored':
      return phrases[achievement.kind](achievement, celebrated, nameOf);
    case 'blocker-resolved':
      return phrases[achievement.kind](achievement, celebrated, nameOf);
    case 'streak-milestone':
      return phrases[achievement.kind](achievement, celebrated, nameOf);
  }
};
