import { seriousViolations } from './testing/accessibility';
import { consoleLanguages } from './testing/console-labels';
import { type ConsoleBrowser, ConsoleWorld } from './testing/console-world';
import { castTheQuarter, type QuarterCast } from './testing/quarter-cast';

/**
 * Every screen of the console, in English and in Dutch, against the real services: it draws, axe
 * finds no serious or critical violation, and its screenshot is written to
 * .local/screenshots/<language>/<screen>.png (the quarter's spec writes the OKR tree with its
 * data to docs/screenshots, for the README).
 */
describe('every screen of the console, in a real browser', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
  }, 600_000);

  afterAll(async () => {
    await world?.dispose();
  });

  const signedInScreens = (cast: QuarterCast) =>
    [
      { screen: 'my-week', path: '/' },
      { screen: 'organisation', path: '/organisation' },
      { screen: 'okr-tree', path: '/tree' },
      { screen: 'objective', path: `/objectives/${cast.companyObjectiveId}` },
      { screen: 'proposals', path: '/proposals' },
      { screen: 'blockers', path: '/blockers' },
      { screen: 'recognition', path: '/recognition' },
      { screen: 'insights', path: '/insights' },
      { screen: 'learning', path: '/learning' },
    ] as const;

  describe.each(consoleLanguages)('in %s', (language) => {
    let cast: QuarterCast;
    let browser: ConsoleBrowser;

    beforeAll(async () => {
      cast = await castTheQuarter(world, { prefix: `screens-${language}` });
      browser = await world.browse(language);
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('the sign-in page', async () => {
      await browser.open('/sign-in');
      await browser.page
        .getByRole('heading', { level: 1, name: browser.t('sign-in:title') })
        .waitFor();
      expect(await seriousViolations(browser.page)).toEqual([]);
      await browser.screenshot('sign-in');
    });

    it('each screen of a signed-in person', async () => {
      await browser.signIn({ organisationId: cast.organisationId, name: cast.names.pete });
      for (const { screen, path: screenPath } of signedInScreens(cast)) {
        await browser.open(screenPath);
        const violations = await seriousViolations(browser.page);
        expect({ screen, violations }).toEqual({ screen, violations: [] });
        await browser.screenshot(screen);
      }
    });
  });
});
