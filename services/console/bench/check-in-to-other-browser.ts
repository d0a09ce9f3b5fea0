import type { Page } from 'playwright-core';

/** A key result one person checks in on, and the progress bar another person watches. */
export type WatchedKeyResult = Readonly<{
  objectiveId: string;
  keyResultId: string;
  /** The accessible name of the bar that shows its progress in the watcher's screen. */
  progressLabel: string;
  /** Progress in whole percent for a value (the bar's aria-valuenow). */
  percentOf: (value: number) => number;
}>;

/**
 * Resolves, on the watcher's page, when the bar named `label` shows `percent` (aria-valuenow),
 * with the time on the epoch clock the two browsers share (the same machine).
 */
const barShows = (watcher: Page, label: string, percent: number): Promise<number> =>
  watcher.evaluate(
    ({ label, percent }) =>
      new Promise<number>((resolve) => {
        const now = () => performance.timeOrigin + performance.now();
        const shows = () =>
          [...document.querySelectorAll('[role="progressbar"]')].some(
            (bar) =>
              bar.getAttribute('aria-label') === label &&
              bar.getAttribute('aria-valuenow') === String(percent),
          );
        if (shows()) return resolve(now());
        const observer = new MutationObserver(() => {
          if (!shows()) return;
          observer.disconnect();
          resolve(now());
        });
        observer.observe(document, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['aria-valuenow', 'aria-label'],
        });
      }),
    { label, percent },
  );

/**
 * One check-in made in the checker's browser, through the gateway as the console sends it, and
 * the milliseconds until the watcher's bar moved to the new value without a reload.
 */
export const checkInSeenElsewhere = async (
  checker: Page,
  watcher: Page,
  keyResult: WatchedKeyResult,
  value: number,
  timeoutMs = 30_000,
): Promise<number> => {
  const seen = barShows(watcher, keyResult.progressLabel, keyResult.percentOf(value));
  const sentAt = await checker.evaluate(
    async ({ objectiveId, keyResultId, value }) => {
      const at = performance.timeOrigin + performance.now();
      const response = await fetch(
        `/api/checkins/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`,
        {
          method: 'POST',
          credentials: 'same-origin',
          headers: {
            Accept: 'application/json',
            'Content-Type': 'application/json',
            'X-Rhythm-Console': '1',
          },
          body: JSON.stringify({ checkInId: crypto.randomUUID(), value, confidence: 7 }),
        },
      );
      if (!response.ok) throw new Error(`check-in: ${response.status} ${await response.text()}`);
      return at;
    },
    { objectiveId: keyResult.objectiveId, keyResultId: keyResult.keyResultId, value },
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the other browser did not show ${value} within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return (await Promise.race([seen, timedOut])) - sentAt;
  } finally {
    clearTimeout(timer);
  }
};
