import { consoleLanguages } from './testing/console-labels';
import { ConsoleWorld } from './testing/console-world';
import { castTheQuarter, squadKeyResult } from './testing/quarter-cast';

/**
 * Live: a check-in made in one browser moves the progress bar in another, without a reload — the
 * gateway's stream (fed from the Kafka topics) tells the second console what changed.
 */
describe('a check-in in one browser, seen live in another', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
  }, 600_000);

  afterAll(async () => {
    await world?.dispose();
  });

  it.each(consoleLanguages)(
    "in %s: Sam checks in on My week, the key result's bar moves on Pete's objective screen",
    async (language) => {
      const cast = await castTheQuarter(world, { prefix: `live-${language}` });
      const keyResult = await squadKeyResult(world, cast, {
        objectiveTitle: 'Checkout never keeps a customer waiting',
        keyResultTitle: 'Payments answered within a second',
        ownerId: cast.people.sam,
      });
      const sam = await world.browse(language);
      const pete = await world.browse(language);
      try {
        await pete.signIn({
          organisationId: cast.organisationId,
          name: cast.names.pete,
          next: `/objectives/${keyResult.objectiveId}`,
        });
        const bar = pete.page.getByRole('progressbar', {
          name: pete.t('objective:keyResult.progressOf', { title: keyResult.keyResultTitle }),
          exact: true,
        });
        await pete.afterReloads(bar);
        expect(await bar.getAttribute('aria-valuenow')).toBe('0');
        // Marks this document: a reload would make a new one without the mark.
        await pete.page.evaluate(() => {
          (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
        });

        await sam.signIn({ organisationId: cast.organisationId, name: cast.names.sam });
        const checkIn = sam.page.getByRole('button', {
          name: sam.t('my-week:owed.checkIn', { title: keyResult.keyResultTitle }),
        });
        await sam.afterReloads(checkIn);
        await checkIn.click();
        await sam.page.getByLabel(sam.t('my-week:form.value'), { exact: true }).fill('40');
        await sam.page.getByLabel(sam.t('my-week:form.confidence'), { exact: true }).fill('7');
        await sam.page.getByRole('button', { name: sam.t('my-week:form.submit') }).click();
        await sam.page.getByText(sam.t('my-week:form.recorded')).waitFor();

        await bar.and(pete.page.locator('[aria-valuenow="40"]')).waitFor({ timeout: 30_000 });
        expect(
          await pete.page.evaluate(
            () => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage,
          ),
        ).toBe(true);
      } finally {
        await sam.close();
        await pete.close();
      }
    },
  );
});
