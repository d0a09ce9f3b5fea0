import { createTopicsWithLeaders } from '@rhythm/kafka-access';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { deadLetterTopicFor } from '@rhythm/contracts';
import { developmentIdentityEnvironment } from '@rhythm/identity';
import {
  dropTestStores,
  ServiceProcess,
  serviceTestEnvironment,
  testKafkaClient,
  uniqueName,
} from '@rhythm/testing';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { type ConsoleLanguage, ConsoleLabels } from './console-labels';

const workspaceRoot = path.join(__dirname, '..', '..', '..', '..');
/** The built console the gateway serves (`npm run console:build`; CONSOLE_DIST names another). */
export const consoleDist =
  process.env.CONSOLE_DIST ?? path.join(workspaceRoot, 'services', 'console', 'dist');

/** Debian's Chromium (deploy/local/ensure-browser.sh), or the one CHROMIUM_PATH names. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Root in a container has no user namespaces for Chromium's sandbox.
    args: ['--no-sandbox'],
  });

type Topics = Readonly<{ org: string; goals: string; checkins: string; recognition: string }>;

/**
 * The four services and the gateway as child processes (their real main.ts) on free ports, on
 * stores and topics of their own in the shared local stack, and Chromium: what a person's browser
 * meets after `npm start`, nothing mocked. Everyone trusts the development key, as on the local
 * stack, so the gateway's development sign-in gives tokens the services accept.
 */
export class ConsoleWorld {
  private constructor(
    readonly gateway: ServiceProcess,
    readonly services: Readonly<
      Record<'org' | 'goals' | 'checkins' | 'recognition', ServiceProcess>
    >,
    readonly browser: Browser,
    private readonly stores: Readonly<{ schemas: string[]; databases: string[]; topics: string[] }>,
  ) {}

  /** `dist`: the built console the gateway serves (default: `consoleDist`). */
  static async start(options: Readonly<{ dist?: string }> = {}): Promise<ConsoleWorld> {
    const dist = options.dist ?? consoleDist;
    if (!existsSync(path.join(dist, 'index.html'))) {
      throw new Error(
        `The console is not built (${dist}): run \`npm run console:build\` (npm test does)`,
      );
    }
    const name = uniqueName('console');
    const topics: Topics = {
      org: `${name}.org`,
      goals: `${name}.goals`,
      checkins: `${name}.checkins`,
      recognition: `${name}.recognition`,
    };
    const schemas = ['org', 'goals', 'checkins', 'recognition'].map((s) => `${name}_${s}`);
    const databases = schemas;
    const stores = {
      schemas,
      databases,
      topics: [...Object.values(topics), ...Object.values(topics).map(deadLetterTopicFor)],
    };
    const kafka = testKafkaClient('console-world');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await createTopicsWithLeaders(
        admin,
        Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })),
      );
    } finally {
      await admin.disconnect();
    }

    const started: ServiceProcess[] = [];
    let browser: Browser | undefined;
    try {
      const identity = developmentIdentityEnvironment();
      const environment = (database: string) => ({
        ...serviceTestEnvironment({ database }),
        // The development key (as `npm start`), not the test key: the gateway signs with it.
        JWT_PUBLIC_KEY: '',
        ...identity,
        ORG_EVENTS_TOPIC: topics.org,
        GOALS_EVENTS_TOPIC: topics.goals,
        CHECKINS_EVENTS_TOPIC: topics.checkins,
        RECOGNITION_EVENTS_TOPIC: topics.recognition,
      });
      const start = async (
        named: 'org' | 'goals' | 'checkins' | 'recognition',
        index: number,
        extra: NodeJS.ProcessEnv,
      ) => {
        const service = await ServiceProcess.start({
          name: named,
          main: `services/${named}/src/main.ts`,
          environment: { ...environment(databases[index]), ...extra },
          readyTimeoutMs: 180_000,
        });
        started.push(service);
        return service;
      };
      // One after another: four cold starts at once on two cores take longer than in a row.
      const org = await start('org', 0, { ORG_EVENT_STORE_SCHEMA: schemas[0] });
      const goals = await start('goals', 1, {
        GOALS_EVENT_STORE_SCHEMA: schemas[1],
        GOALS_ORG_DIRECTORY_GROUP: `${name}.goals.org-directory`,
        GOALS_CHECK_IN_FEED_GROUP: `${name}.goals.check-in-feed`,
      });
      const checkins = await start('checkins', 2, {
        CHECKINS_EVENT_STORE_SCHEMA: schemas[2],
        CHECKINS_DIRECTORY_GROUP: `${name}.checkins.directory`,
        CHECKINS_SWEEP_INTERVAL_MS: '3600000',
      });
      const recognition = await start('recognition', 3, {
        RECOGNITION_EVENT_STORE_SCHEMA: schemas[3],
        RECOGNITION_DIRECTORY_GROUP: `${name}.recognition.directory`,
      });
      const gateway = await ServiceProcess.start({
        name: 'gateway',
        main: 'services/gateway/src/main.ts',
        environment: {
          ...environment(`${name}_gateway`),
          RHYTHM_DEV_SIGN_IN: 'true',
          CONSOLE_DIST: dist,
          ORG_URL: org.url,
          GOALS_URL: goals.url,
          CHECKINS_URL: checkins.url,
          RECOGNITION_URL: recognition.url,
          LIVE_GROUP_PREFIX: `${name}.gateway.live-`,
        },
        readyTimeoutMs: 180_000,
      });
      started.push(gateway);
      browser = await launchChromium();
      return new ConsoleWorld(gateway, { org, goals, checkins, recognition }, browser, stores);
    } catch (error) {
      await browser?.close();
      await Promise.all(started.map((process) => process.kill('SIGKILL')));
      await dropTestStores(stores).catch(() => undefined);
      throw error;
    }
  }

  get url(): string {
    return this.gateway.url;
  }

  /**
   * A browser of its own (cookies, storage) in one language: the browser's language decides the
   * console's until the person picks one, so this is what a Dutch browser shows first.
   */
  async browse(language: ConsoleLanguage): Promise<ConsoleBrowser> {
    const context = await this.browser.newContext({
      baseURL: this.url,
      locale: language === 'nl' ? 'nl-NL' : 'en-GB',
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    return new ConsoleBrowser(context, page, new ConsoleLabels(language));
  }

  /** The last lines each process printed, for a failure message. */
  logs(lines = 30): string {
    return [this.gateway, ...Object.values(this.services)]
      .map((process) => `── ${process.url}\n${process.logs(lines)}`)
      .join('\n');
  }

  async dispose(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.gateway.stop();
    await Promise.all(Object.values(this.services).map((process) => process.stop()));
    await dropTestStores(this.stores);
  }
}

/** One person's browser on the console: its page and the console's words in its language. */
export class ConsoleBrowser {
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly labels: ConsoleLabels,
  ) {}

  get language(): ConsoleLanguage {
    return this.labels.language;
  }

  /** The console's string for a key in this browser's language (see ConsoleLabels.t). */
  t(key: string, values?: Readonly<Record<string, string | number>>): string {
    return this.labels.t(key, values);
  }

  /**
   * Signs in through the console's development sign-in page as the person of that name, as
   * someone trying the local stack does, and waits for the console to leave the sign-in page.
   */
  async signIn(
    who: Readonly<{ organisationId: string; name: string; admin?: boolean; next?: string }>,
  ): Promise<void> {
    const { page } = this;
    const next = who.next ? `?next=${encodeURIComponent(who.next)}` : '';
    await page.goto(`/sign-in${next}`);
    await page
      .getByLabel(this.t('sign-in:development.organisation'), { exact: true })
      .fill(who.organisationId);
    await page.getByRole('button', { name: this.t('sign-in:development.showPeople') }).click();
    await page.getByRole('radio', { name: who.name }).check();
    if (who.admin)
      await page.getByRole('checkbox', { name: this.t('sign-in:development.admin') }).check();
    await page
      .getByRole('button', { name: this.t('sign-in:development.signIn'), exact: true })
      .click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  /** Opens a path of the console and waits until its screen has drawn (see `settled`). */
  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await this.settled();
  }

  /**
   * Waits until the screen shows its heading and nothing says it is still loading: what a person
   * sees once the screen's data has come.
   */
  async settled(): Promise<void> {
    const { page } = this;
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForFunction(
      (loading) =>
        ![...document.querySelectorAll('[role="status"]')].some(
          (status) => status.textContent?.trim() === loading,
        ),
      this.t('state.loading'),
    );
  }

  /**
   * Waits for something set up over the APIs to reach the screen: the read models behind it are
   * eventually consistent, so the page is reloaded as a person would, until it shows (a minute at
   * most). Never for what a test proves arrives live: that must come without a reload.
   */
  async afterReloads(locator: Locator, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await locator.first().waitFor({ timeout: 3_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await this.page.reload();
        await this.settled();
      }
    }
  }

  /**
   * Writes the page to `.local/screenshots/<language>/<screen>.png` (git-ignored), where the
   * console's README points; returns the file.
   */
  async screenshot(screen: string): Promise<string> {
    const directory = path.join(workspaceRoot, '.local', 'screenshots', this.language);
    mkdirSync(directory, { recursive: true });
    const file = path.join(directory, `${screen}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
