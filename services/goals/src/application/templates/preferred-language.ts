import { languages, type Language } from '../../goals-domain';

/**
 * The language to answer in from an Accept-Language header (`nl-BE,nl;q=0.9,en;q=0.8`): the
 * supported language with the highest weight, English when none is supported.
 */
export const preferredLanguage = (header: string | undefined): Language => {
  const ranked = (header ?? '')
    .split(',')
    .map((part, order) => {
      const [tag, ...parameters] = part.trim().split(';');
      const weight = parameters
        .map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter))
        .find((match) => match !== null);
      return {
        language: tag.trim().toLowerCase().split('-')[0],
        weight: weight ? Number(weight[1]) : 1,
        order,
      };
    })
    .filter(({ weight }) => weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  const supported = ranked.find(({ language }) =>
    (languages as readonly string[]).includes(language),
  );
  return supported === undefined ? 'en' : (supported.language as Language);
};
