import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { consoleLanguages } from './testing/console-labels';
import { ConsoleWorld } from './testing/console-world';
import { castTheQuarter } from './testing/quarter-cast';
import {
  blockersBoardShowsItResolved,
  celebrationShows,
  peteApproves,
  peteReadsTheKudos,
  peteResolvesTheBlocker,
  peteReturnsTheProposal,
  peteSetsTheSquadObjective,
  samChecksIn,
  samProposesAKeyResult,
  samRaisesABlocker,
  samRevisesAndResubmits,
  samThanksPete,
  squadObjective,
  timeSliderShowsTheValueBefore,
} from './testing/the-quarter';

/**
 * The scripted quarter, driven through the console by clicks and typing, in English and in Dutch,
 * against the real services and gateway. The organisation, its cycle and the company's objective
 * are set up over the APIs (testing/quarter-cast.ts); everything after happens in the browser.
 */
describe('the scripted quarter, in the console', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
  }, 600_000);

  afterAll(async () => {
    await world?.dispose();
  });

  it.each(consoleLanguages)(
    'in %s: a squad objective aligned to the company’s, a key result proposed, returned and approved, weekly check-ins with a blocker raised and resolved, kudos, a celebration, the time slider',
    async (language) => {
      const cast = await castTheQuarter(world, { prefix: `quarter-${language}` });
      const pete = await world.browse(language);
      const sam = await world.browse(language);
      try {
        await pete.signIn({ organisationId: cast.organisationId, name: cast.names.pete });
        await sam.signIn({ organisationId: cast.organisationId, name: cast.names.sam });

        // Setting OKRs: Pete sets the squad's objective, aligned to the company's.
        const objectiveId = await peteSetsTheSquadObjective(pete, cast);
        await pete.page.getByRole('heading', { level: 1, name: squadObjective.title }).waitFor();
        await pete.page.getByRole('link', { name: cast.companyObjectiveTitle }).first().waitFor();

        // Sam proposes a key result; Pete returns it with a reason; Sam revises; Pete approves.
        const reason = language === 'nl' ? 'Halveren is te weinig.' : 'Halving is not enough.';
        const proposal = await samProposesAKeyResult(sam, cast);
        await peteReturnsTheProposal(pete, reason);
        await samRevisesAndResubmits(sam, proposal, reason);
        await peteApproves(pete, proposal);
        await pete.open(`/objectives/${objectiveId}`);
        await pete.afterReloads(
          pete.page.getByRole('heading', { name: squadObjective.proposedKeyResult }),
        );

        // Week one: a check-in (the form says there was none before), then a blocker.
        expect(
          await samChecksIn(sam, squadObjective.keyResult, {
            value: 40,
            confidence: 6,
            progress: 'Week one',
          }),
        ).toBe(sam.t('my-week:previous.none'));
        const blocker =
          language === 'nl' ? 'De sandbox van de betaalprovider ligt eruit' : 'The sandbox is down';
        await samRaisesABlocker(sam, objectiveId, blocker);
        await peteResolvesTheBlocker(pete, objectiveId, 'The provider fixed it');
        await blockersBoardShowsItResolved(pete, blocker);

        // Week two shows week one's check-in as the previous one; week three reaches the target.
        expect(
          await samChecksIn(sam, squadObjective.keyResult, {
            value: 70,
            confidence: 8,
            progress: 'Week two',
          }),
        ).toMatch(
          sam.labels.pattern(
            'my-week:previous.summary',
            { value: 40, confidence: 6 },
            { within: true },
          ),
        );
        await samChecksIn(sam, squadObjective.keyResult, {
          value: 100,
          confidence: 10,
          progress: 'Week three',
        });

        // Recognition: the celebration of the target reached, and Sam's kudos to Pete.
        await celebrationShows(sam);
        const thanks =
          language === 'nl' ? 'Dank je voor de snelle hulp' : 'Thanks for the quick help';
        await samThanksPete(sam, thanks);
        await peteReadsTheKudos(pete, thanks);

        // The tree: 100 % now, 70 % just before the latest check-in.
        await timeSliderShowsTheValueBefore(pete, { now: 100, before: 70 });
        const file = await pete.screenshot('quarter-okr-tree');
        // The README's picture is renewed on request only, so a test run leaves the tree clean.
        if (language === 'en' && process.env.RHYTHM_README_SCREENSHOT === '1') {
          const committed = path.join(__dirname, '..', '..', '..', 'docs', 'screenshots');
          mkdirSync(committed, { recursive: true });
          copyFileSync(file, path.join(committed, 'okr-tree.png'));
        }
      } catch (error) {
        await pete.screenshot('quarter-failed-pete').catch(() => undefined);
        await sam.screenshot('quarter-failed-sam').catch(() => undefined);
        throw error;
      } finally {
        await pete.close();
        await sam.close();
      }
    },
  );
});
