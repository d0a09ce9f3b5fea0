import type { Page } from 'playwright-core';
import { consoleLanguages } from './testing/console-labels';
import { type ConsoleBrowser, ConsoleWorld } from './testing/console-world';
import { castTheQuarter } from './testing/quarter-cast';

/** Every response body the page receives from the gateway, as text, from now on. */
const recordResponses = (page: Page): (() => Promise<string[]>) => {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    // A stream (the live changes) has no end to wait for; its events name ids, not titles.
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    bodies.push(response.text().catch(() => ''));
  });
  return () => Promise.all(bodies);
};

const screens = ['/', '/organisation', '/tree', '/proposals', '/recognition', '/insights'];

/** Opens each signed-in screen (and waits for it to draw), so every query it makes is answered. */
const visitEveryScreen = async (browser: ConsoleBrowser) => {
  for (const path of screens) await browser.open(path);
};

/**
 * Private means private: Sam's personal ambition and a private kudos to Pete never reach the
 * browser of Uma, who is neither of them nor leads them — not on a screen, not in a response.
 * Sam's and Pete's own browsers do receive them, so the recording would have caught them.
 */
describe('private objects never sent to a browser that may not see them', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
  }, 600_000);

  afterAll(async () => {
    await world?.dispose();
  });

  it.each(consoleLanguages)(
    "in %s: Sam's ambition and private kudos stay out of Uma's browser",
    async (language) => {
      const cast = await castTheQuarter(world, { prefix: `private-${language}` });
      const ambition = `Become a staff engineer ${language}`;
      const secretThanks = `Thank you for covering for me ${language}`;
      const sam = await world.browse(language);
      const pete = await world.browse(language);
      const uma = await world.browse(language);
      try {
        await sam.signIn({ organisationId: cast.organisationId, name: cast.names.sam });
        const samSaw = recordResponses(sam.page);
        await sam.open('/proposals/ambitions');
        await sam.page
          .getByRole('textbox', { name: sam.t('proposals:ambitions.ambitionTitle'), exact: true })
          .fill(ambition);
        await sam.page
          .getByRole('button', { name: sam.t('proposals:ambitions.recordSubmit') })
          .click();
        await sam.page.getByText(sam.t('proposals:ambitions.recorded')).waitFor();
        await sam.afterReloads(sam.page.getByText(ambition, { exact: true }));

        await sam.open('/recognition');
        const form = sam.page.getByRole('form', { name: sam.t('recognition:kudosForm.title') });
        await form.getByLabel(sam.t('recognition:kudosForm.findPerson')).fill('Pete');
        await form.getByRole('checkbox', { name: 'Pete', exact: true }).check();
        await form
          .getByLabel(sam.t('recognition:kudosForm.message'), { exact: true })
          .fill(secretThanks);
        await form.getByRole('radio', { name: sam.t('recognition:kudosForm.private') }).check();
        await form.getByRole('button', { name: sam.t('recognition:kudosForm.give') }).click();
        await form.getByText(sam.t('recognition:kudosForm.given', { names: 'Pete' })).waitFor();

        await pete.signIn({ organisationId: cast.organisationId, name: cast.names.pete });
        const peteSaw = recordResponses(pete.page);
        await pete.open('/');
        await pete.afterReloads(pete.page.getByText(secretThanks));

        await uma.signIn({ organisationId: cast.organisationId, name: cast.names.uma });
        const umaSaw = recordResponses(uma.page);
        await visitEveryScreen(uma);
        await uma.open(`/proposals/ambitions`);
        await uma.page.waitForLoadState('networkidle');

        const umaReceived = await umaSaw();
        expect((await samSaw()).some((body) => body.includes(ambition))).toBe(true);
        expect((await peteSaw()).some((body) => body.includes(secretThanks))).toBe(true);
        // What Uma may see did arrive: the recording is not empty.
        expect(umaReceived.some((body) => body.includes(cast.companyObjectiveTitle))).toBe(true);
        expect(umaReceived.filter((body) => body.includes(ambition))).toEqual([]);
        expect(umaReceived.filter((body) => body.includes(secretThanks))).toEqual([]);
        expect(await uma.page.getByText(ambition).count()).toBe(0);
      } finally {
        await sam.close();
        await pete.close();
        await uma.close();
      }
    },
  );
});
