import { preferredLanguage } from './preferred-language';

describe('The language templates and training are served in', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['nl', 'nl'],
    ['nl-BE', 'nl'],
    ['fr-FR,fr;q=0.9', 'en'],
    ['fr-FR,nl;q=0.8,en;q=0.5', 'nl'],
    ['en;q=0.4,nl;q=0.6', 'nl'],
    ['nl;q=0,en', 'en'],
    ['EN-gb', 'en'],
  ])('Accept-Language %p is answered in %s', (header, language) =>
    expect(preferredLanguage(header)).toBe(language),
  );
});
