/** User-facing text ships in English and Dutch. */
export const languages = ['en', 'nl'] as const;
export type Language = (typeof languages)[number];

export type LocalisedText = Readonly<Record<Language, string>>;
