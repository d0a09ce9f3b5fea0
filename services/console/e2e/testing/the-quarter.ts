import type { ConsoleBrowser } from './console-world';
import type { QuarterCast } from './quarter-cast';

/** What the quarter's steps made, for the steps after them. */
export type QuarterSoFar = {
  squadObjectiveId?: string;
  proposalPath?: string;
};

export const squadObjective = {
  title: 'Checkout never keeps a customer waiting',
  keyResult: 'Payments answered within a second',
  proposedKeyResult: 'Abandoned carts halved',
};

/**
 * Pete, the Checkout squad's product owner, sets the squad's objective on "Create an objective":
 * one key result owned by Sam, contributing to the company's objective, active at once.
 */
export const peteSetsTheSquadObjective = async (
  pete: ConsoleBrowser,
  cast: QuarterCast,
): Promise<string> => {
  const { page } = pete;
  await pete.open('/proposals');
  await page.getByRole('link', { name: pete.t('proposals:actions.createObjective') }).click();
  await pete.settled();
  const label = (key: string) => page.getByLabel(pete.t(key), { exact: true });
  await label('proposals:define.owner').selectOption({
    label: `Checkout (${pete.t('units.squad')})`,
  });
  await label('proposals:objective.title').fill(squadObjective.title);
  const keyResult = page.getByRole('group', {
    name: pete.t('proposals:keyResultNumber', { number: 1 }),
  });
  await keyResult
    .getByLabel(pete.t('proposals:keyResult.title'), { exact: true })
    .fill(squadObjective.keyResult);
  await keyResult.getByLabel(pete.t('proposals:keyResult.unit'), { exact: true }).fill('%');
  await keyResult.getByLabel(pete.t('proposals:keyResult.start'), { exact: true }).fill('0');
  await keyResult.getByLabel(pete.t('proposals:keyResult.target'), { exact: true }).fill('100');
  await keyResult
    .getByLabel(pete.t('proposals:keyResult.owner'), { exact: true })
    .selectOption({ label: cast.names.sam });
  const alignment = page.getByRole('group', { name: pete.t('proposals:define.alignment') });
  await alignment
    .getByLabel(pete.t('proposals:define.parentUnit'), { exact: true })
    .selectOption({ label: `${cast.organisationName} (${pete.t('units.company')})` });
  await alignment
    .getByLabel(pete.t('proposals:define.parentObjective'), { exact: true })
    .selectOption({ label: cast.companyObjectiveTitle });
  await page.getByRole('button', { name: pete.t('proposals:define.submit') }).click();
  await page.waitForURL(/\/objectives\/[^/]+$/);
  await pete.settled();
  return new URL(page.url()).pathname.split('/').pop()!;
};

/**
 * Sam proposes a second key result for the squad's objective on "Propose an objective or key
 * result"; returns the proposal's path.
 */
export const samProposesAKeyResult = async (
  sam: ConsoleBrowser,
  cast: QuarterCast,
): Promise<string> => {
  const { page } = sam;
  await sam.open('/proposals');
  await page.getByRole('link', { name: sam.t('proposals:actions.propose') }).click();
  await sam.settled();
  await page.getByRole('radio', { name: sam.t('proposals:subjects.key-result') }).check();
  await page
    .getByLabel(sam.t('proposals:new.objectiveUnit'), { exact: true })
    .selectOption({ label: `Checkout (${sam.t('units.squad')})` });
  const objective = page.getByRole('combobox', {
    name: sam.t('proposals:new.objective'),
    exact: true,
  });
  await objective
    .locator('option', { hasText: squadObjective.title })
    .waitFor({ state: 'attached' });
  await objective.selectOption({ label: squadObjective.title });
  const keyResult = page.getByRole('group', { name: sam.t('proposals:new.keyResult') });
  await keyResult
    .getByLabel(sam.t('proposals:keyResult.title'), { exact: true })
    .fill(squadObjective.proposedKeyResult);
  await keyResult.getByLabel(sam.t('proposals:keyResult.unit'), { exact: true }).fill('%');
  await keyResult.getByLabel(sam.t('proposals:keyResult.start'), { exact: true }).fill('30');
  await keyResult.getByLabel(sam.t('proposals:keyResult.target'), { exact: true }).fill('15');
  await keyResult
    .getByLabel(sam.t('proposals:keyResult.direction'), { exact: true })
    .selectOption({ label: sam.t('proposals:directions.decrease') });
  await keyResult
    .getByLabel(sam.t('proposals:keyResult.owner'), { exact: true })
    .selectOption({ label: cast.names.sam });
  await page.getByRole('button', { name: sam.t('proposals:new.proposeKeyResult') }).click();
  await page.waitForURL(/\/proposals\/(?!new)[^/]+$/);
  await sam.settled();
  return new URL(page.url()).pathname;
};

/** Pete finds the proposal waiting on him and returns it with a reason. */
export const peteReturnsTheProposal = async (pete: ConsoleBrowser, reason: string) => {
  const { page } = pete;
  await pete.open('/proposals');
  await pete.afterReloads(page.getByRole('link', { name: squadObjective.proposedKeyResult }));
  await page.getByRole('link', { name: squadObjective.proposedKeyResult }).first().click();
  await pete.settled();
  await page.getByLabel(pete.t('proposals:decision.reason'), { exact: true }).fill(reason);
  await page.getByRole('button', { name: pete.t('proposals:decision.return') }).click();
  await page.getByText(pete.t('proposals:returned.heading')).waitFor();
};

/** Sam reads why it came back, revises the target, and resubmits it. */
export const samRevisesAndResubmits = async (
  sam: ConsoleBrowser,
  proposalPath: string,
  reason: string,
) => {
  const { page } = sam;
  await sam.open(proposalPath);
  await sam.afterReloads(page.getByText(reason));
  const revision = page.getByRole('region', { name: sam.t('proposals:revision.heading') });
  await revision.getByLabel(sam.t('proposals:keyResult.target'), { exact: true }).fill('10');
  await revision
    .getByRole('button', { name: sam.t('proposals:revision.reviseAndResubmit') })
    .click();
  await page.getByText(sam.t('proposals:status.open'), { exact: true }).first().waitFor();
};

/** Pete approves the revised proposal: the key result joins the squad's objective. */
export const peteApproves = async (pete: ConsoleBrowser, proposalPath: string) => {
  const { page } = pete;
  await pete.open(proposalPath);
  const approve = page.getByRole('button', { name: pete.t('proposals:decision.approve') });
  await pete.afterReloads(approve);
  await approve.click();
  await page
    .getByText(pete.labels.pattern('proposals:approved.by', { name: 'Pete' }, { within: true }))
    .waitFor();
};

/**
 * Sam checks in on a key result from My week ("Check in on …"): the value now, a confidence and
 * a note; the form shows the previous check-in. Returns the previous check-in's text as shown.
 */
export const samChecksIn = async (
  sam: ConsoleBrowser,
  keyResultTitle: string,
  checkIn: Readonly<{ value: number; confidence: number; progress: string }>,
): Promise<string> => {
  const { page } = sam;
  await sam.open('/');
  const open = page.getByRole('button', {
    name: sam.t('my-week:owed.checkIn', { title: keyResultTitle }),
  });
  await sam.afterReloads(open);
  await open.click();
  const form = page.getByRole('region', {
    name: sam.t('my-week:form.heading', { title: keyResultTitle }),
  });
  const previous = form
    .getByTestId('previous-check-in')
    .or(form.getByText(sam.t('my-week:previous.none')));
  await previous.first().waitFor();
  const shown = (await previous.first().innerText()).trim();
  await form
    .getByLabel(sam.t('my-week:form.value'), { exact: true })
    .fill(sam.language === 'nl' ? String(checkIn.value).replace('.', ',') : String(checkIn.value));
  await form
    .getByLabel(sam.t('my-week:form.confidence'), { exact: true })
    .fill(String(checkIn.confidence));
  await form
    .getByLabel(sam.t('my-week:form.note.progress'), { exact: true })
    .fill(checkIn.progress);
  await form.getByRole('button', { name: sam.t('my-week:form.submit') }).click();
  await form.getByText(sam.t('my-week:form.recorded')).waitFor();
  return shown;
};

/** Sam raises a blocker on the squad's objective, waiting on the squad's lead. */
export const samRaisesABlocker = async (
  sam: ConsoleBrowser,
  objectiveId: string,
  description: string,
) => {
  const { page } = sam;
  await sam.open(`/objectives/${objectiveId}`);
  await page.getByText(sam.t('objective:blockers.raise'), { exact: true }).click();
  await page
    .getByLabel(sam.t('objective:blockers.target'), { exact: true })
    .selectOption({ label: squadObjective.keyResult });
  await page.getByLabel(sam.t('objective:blockers.description'), { exact: true }).fill(description);
  await page.getByRole('radio', { name: sam.t('objective:blockers.waitsOnOwnUnit') }).check();
  await page.getByRole('button', { name: sam.t('objective:blockers.submitRaise') }).click();
  await page.getByText(sam.t('objective:blockers.raised'), { exact: true }).waitFor();
};

/** Pete, whom the blocker waits on, acknowledges it and resolves it with a note. */
export const peteResolvesTheBlocker = async (
  pete: ConsoleBrowser,
  objectiveId: string,
  note: string,
) => {
  const { page } = pete;
  await pete.open(`/objectives/${objectiveId}`);
  const resolve = page.getByRole('button', { name: pete.t('objective:blockers.resolve') });
  await pete.afterReloads(resolve);
  const acknowledge = page.getByRole('button', { name: pete.t('objective:blockers.acknowledge') });
  if (await acknowledge.isVisible()) {
    await acknowledge.click();
    await page.getByText(pete.t('objective:blockers.done'), { exact: true }).waitFor();
  }
  await resolve.click();
  await page.getByLabel(pete.t('objective:blockers.resolutionNote'), { exact: true }).fill(note);
  await page.getByRole('button', { name: pete.t('objective:blockers.confirmResolve') }).click();
  await page
    .getByText(pete.t('objective:blockers.status.resolved'), { exact: true })
    .first()
    .waitFor();
};

/**
 * Sam thanks Pete on Recognition for clearing the way, about the key result Sam owns (the form
 * offers the goals of the giver), publicly.
 */
export const samThanksPete = async (sam: ConsoleBrowser, message: string) => {
  const { page } = sam;
  await sam.open('/recognition');
  const form = page.getByRole('form', { name: sam.t('recognition:kudosForm.title') });
  await form.getByLabel(sam.t('recognition:kudosForm.findPerson')).fill('Pete');
  await form.getByRole('checkbox', { name: 'Pete', exact: true }).check();
  await form.getByLabel(sam.t('recognition:kudosForm.message'), { exact: true }).fill(message);
  const about = form.getByLabel(sam.t('recognition:kudosForm.about'), { exact: true });
  const option = sam.t('recognition:kudosForm.aboutKeyResult', { title: squadObjective.keyResult });
  await about.locator('option', { hasText: option }).waitFor({ state: 'attached' });
  await about.selectOption({ label: option });
  await form.getByRole('button', { name: sam.t('recognition:kudosForm.give') }).click();
  await form.getByText(sam.t('recognition:kudosForm.given', { names: 'Pete' })).waitFor();
};

/** Pete finds the kudos on My week, under the kudos he received. */
export const peteReadsTheKudos = async (pete: ConsoleBrowser, message: string) => {
  await pete.open('/');
  const received = pete.page.getByRole('region', { name: pete.t('my-week:kudos.heading') });
  await pete.afterReloads(received.getByText(message));
};

/** The celebration of the key result reaching its target, on the recognition feed. */
export const celebrationShows = async (someone: ConsoleBrowser) => {
  await someone.open('/recognition');
  await someone.afterReloads(
    someone.page.getByText(
      someone.labels.pattern('recognition:celebration.keyResultAchieved', {
        keyResult: squadObjective.keyResult,
        objective: squadObjective.title,
      }),
    ),
    90_000,
  );
};

/**
 * On the OKR tree, the key result's bar shows `now`; the time slider's "Before the previous change"
 * shows the tree as it was before the latest check-in, with the value then (`before`).
 */
export const timeSliderShowsTheValueBefore = async (
  someone: ConsoleBrowser,
  percents: Readonly<{ now: number; before: number }>,
) => {
  const { page } = someone;
  await someone.open('/tree');
  const keyResultBar = page.getByRole('progressbar', {
    name: someone.t('okr-tree:tree.keyResultProgress', { title: squadObjective.keyResult }),
    exact: true,
  });
  const expand = async () => {
    for (const unit of ['Payments', 'Checkout']) {
      const toggle = page.getByRole('button', { name: new RegExp(`\\b${unit}\\b`) }).first();
      if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    }
    const keyResults = page.getByRole('button', {
      name: someone.t('okr-tree:tree.keyResultsOf', { title: squadObjective.title }),
    });
    if ((await keyResults.getAttribute('aria-expanded')) === 'false') await keyResults.click();
  };
  await expand();
  await keyResultBar.and(page.locator(`[aria-valuenow="${percents.now}"]`)).waitFor();
  const slider = page.getByRole('region', { name: someone.t('okr-tree:slider.heading') });
  const showingNow = someone.t('okr-tree:slider.showing', {
    moment: someone.t('okr-tree:slider.now'),
  });
  await slider.getByRole('button', { name: someone.t('okr-tree:slider.previousChange') }).click();
  await slider
    .getByRole('status')
    .filter({ hasNotText: showingNow })
    .filter({ hasText: someone.labels.pattern('okr-tree:slider.showing') })
    .waitFor();
  await someone.settled();
  await expand();
  await keyResultBar.and(page.locator(`[aria-valuenow="${percents.before}"]`)).waitFor();
};

/** The squad's blockers board lists the blocker under Resolved, with a time to resolve. */
export const blockersBoardShowsItResolved = async (
  someone: ConsoleBrowser,
  description: string,
) => {
  const { page } = someone;
  await someone.open('/blockers');
  await page
    .getByLabel(someone.t('blockers:unit'), { exact: true })
    .selectOption({ label: `Checkout (${someone.t('units.squad')})` });
  await someone.settled();
  const resolved = page.getByRole('region', {
    name: someone.labels.pattern('blockers:columns.resolved', {}, { within: true }),
  });
  await someone.afterReloads(resolved.getByText(description));
  await page
    .getByText(
      someone.labels.pattern('blockers:times.medianToResolve', { count: 1 }, { within: true }),
    )
    .waitFor();
};
