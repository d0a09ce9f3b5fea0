import type { Browser, BrowserContextOptions } from 'playwright-core';

/** What the page itself records, on its own clock (milliseconds since navigation started). */
type PageMarks = Readonly<{ firstProgressAt: number; interactiveAt: number }>;

/**
 * Put in every page before its scripts run: notes when the first progress bar is in the document
 * and, after that, when the main thread is next free to run a task and paint a frame — from then
 * on a click or a key press is handled at once. Both on the page's clock, whose zero is the start
 * of the navigation, so nothing of the test's own overhead counts.
 */
const markTimeToInteractive = () => {
  const marks: { firstProgressAt?: number; interactiveAt?: number } = {};
  (window as unknown as { __rhythmMarks: typeof marks }).__rhythmMarks = marks;
  const seen = () => {
    if (marks.firstProgressAt !== undefined) return;
    if (!document.querySelector('[role="progressbar"]')) return;
    marks.firstProgressAt = performance.now();
    observer.disconnect();
    setTimeout(() =>
      requestAnimationFrame(() => {
        marks.interactiveAt = performance.now();
      }),
    );
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true });
};

export type InteractiveRun = Readonly<{ firstProgressMs: number; interactiveMs: number }>;

/**
 * Opens `path` in a fresh browser context (no HTTP cache: a first visit of the day) signed in with
 * `storageState`, and returns when its first progress bar showed and when it became interactive.
 */
export const timeToInteractive = async (
  browser: Browser,
  options: Readonly<{
    baseURL: string;
    path: string;
    storageState: BrowserContextOptions['storageState'];
    timeoutMs?: number;
  }>,
): Promise<InteractiveRun> => {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    storageState: options.storageState,
    viewport: { width: 1280, height: 900 },
  });
  try {
    await context.addInitScript(markTimeToInteractive);
    const page = await context.newPage();
    await page.goto(options.path, { waitUntil: 'commit' });
    await page.waitForFunction(
      () =>
        (window as unknown as { __rhythmMarks?: { interactiveAt?: number } }).__rhythmMarks
          ?.interactiveAt !== undefined,
      undefined,
      { timeout: options.timeoutMs ?? 60_000, polling: 50 },
    );
    const marks = await page.evaluate(
      () => (window as unknown as { __rhythmMarks: PageMarks }).__rhythmMarks,
    );
    return { firstProgressMs: marks.firstProgressAt, interactiveMs: marks.interactiveAt };
  } finally {
    await context.close();
  }
};
