import { seriousViolations } from './testing/accessibility';
import { ConsoleLabels, consoleLanguages } from './testing/console-labels';
import { type ConsoleBrowser, ConsoleWorld } from './testing/console-world';
import {
  castTheQuarter,
  type QuarterCast,
  type SquadKeyResult,
  squadKeyResult,
} from './testing/quarter-cast';

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

  const signedInScreens = (cast: QuarterCast, squad: SquadKeyResult) =>
    [
      { screen: 'my-week', path: '/' },
      { screen: 'organisation', path: '/organisation' },
      { screen: 'organisation-person', path: `/organisation/people/${cast.people.sam}` },
      { screen: 'organisation-squad', path: `/organisation/squad/${cast.squadId}` },
      { screen: 'okr-tree', path: '/tree' },
      { screen: 'objective', path: `/objectives/${squad.objectiveId}` },
      { screen: 'proposals', path: '/proposals' },
      { screen: 'proposals-new', path: '/proposals/new' },
      { screen: 'proposals-new-objective', path: '/proposals/new-objective' },
      { screen: 'proposals-from-template', path: '/proposals/from-template' },
      { screen: 'proposals-ambitions', path: '/proposals/ambitions' },
      { screen: 'blockers', path: '/blockers' },
      { screen: 'recognition', path: '/recognition' },
      { screen: 'recognition-squad-wall', path: `/recognition/units/squad/${cast.squadId}` },
      { screen: 'recognition-new-story', path: '/recognition/stories/new' },
      { screen: 'insights', path: '/insights' },
      { screen: 'learning', path: '/learning' },
    ] as const;

  describe.each(consoleLanguages)('in %s', (language) => {
    let cast: QuarterCast;
    let squad: SquadKeyResult;
    let browser: ConsoleBrowser;

    beforeAll(async () => {
      cast = await castTheQuarter(world, { prefix: `screens-${language}` });
      squad = await squadKeyResult(world, cast, {
        objectiveTitle: 'Checkout never keeps a customer waiting',
        keyResultTitle: 'Payments answered within a second',
        ownerId: cast.people.sam,
      });
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
      for (const { screen, path } of signedInScreens(cast, squad)) {
        await browser.open(path);
        const violations = await seriousViolations(browser.page);
        expect({ screen, violations }).toEqual({ screen, violations: [] });
        await browser.screenshot(screen);
      }
    });

    it('the language switch, and a check-in with the keyboard alone', async () => {
      const sam = await world.browse(language);
      try {
        await sam.signIn({ organisationId: cast.organisationId, name: cast.names.sam });
        await sam.open('/');
        const other = language === 'en' ? 'nl' : 'en';
        const otherLabels = new ConsoleLabels(other);
        // The switch's name is its label and the language chosen ("Language English").
        const languageSwitch = (labels: ConsoleLabels) =>
          sam.page.getByRole('combobox', { name: new RegExp(`^${labels.t('language.label')}`) });
        await languageSwitch(sam.labels).selectOption({ label: sam.t(`language.${other}`) });
        await sam.page
          .getByRole('heading', { level: 1, name: otherLabels.t('my-week:title') })
          .waitFor();
        expect(await sam.page.locator('html').getAttribute('lang')).toBe(other);
        await languageSwitch(otherLabels).selectOption({
          label: otherLabels.t(`language.${language}`),
        });
        await sam.page.getByRole('heading', { level: 1, name: sam.t('my-week:title') }).waitFor();

        // Tab to "Check in on …", open it with Enter, fill the form and send it with Enter.
        const checkIn = sam.t('my-week:owed.checkIn', { title: squad.keyResultTitle });
        await sam.afterReloads(sam.page.getByRole('button', { name: checkIn }));
        const focusedName = () =>
          sam.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
        for (let presses = 0; (await focusedName()) !== checkIn; presses++) {
          if (presses > 60) throw new Error(`"${checkIn}" is not reachable with Tab`);
          await sam.page.keyboard.press('Tab');
        }
        await sam.page.keyboard.press('Enter');
        const value = sam.page.getByLabel(sam.t('my-week:form.value'), { exact: true });
        await value.waitFor();
        for (
          let presses = 0;
          !(await value.evaluate((field) => field === document.activeElement));
          presses++
        ) {
          if (presses > 20) throw new Error('the value field is not reachable with Tab');
          await sam.page.keyboard.press('Tab');
        }
        await sam.page.keyboard.type('25');
        await sam.page.keyboard.press('Tab');
        await sam.page.keyboard.type('7');
        await sam.page.keyboard.press('Enter');
        await sam.page.getByText(sam.t('my-week:form.recorded')).waitFor();
      } finally {
        await sam.close();
      }
    });

    it('the TV board, opened by its signed link without signing in', async () => {
      const lead = await world.browse(language);
      const screen = await world.browse(language);
      try {
        await lead.signIn({ organisationId: cast.organisationId, name: cast.names.pete });
        await lead.open('/tree');
        await lead.page.getByRole('button', { name: lead.t('okr-tree:share.heading') }).click();
        await lead.page.getByRole('button', { name: lead.t('okr-tree:share.create') }).click();
        const link = lead.page
          .getByRole('status')
          .filter({ hasText: lead.t('okr-tree:share.created') })
          .getByRole('link');
        const address = new URL((await link.getAttribute('href'))!, world.url);

        await screen.open(address.pathname);
        expect(screen.page.url()).toContain('/board/');
        const violations = await seriousViolations(screen.page);
        expect({ screen: 'tv-board', violations }).toEqual({ screen: 'tv-board', violations: [] });
        await screen.screenshot('tv-board');
      } finally {
        await lead.close();
        await screen.close();
      }
    });
  });
});
