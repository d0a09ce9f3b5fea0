/**
 * The demo organisation, described in the domain's own terms: Acme Music in the Spotify model.
 * Two tribes with five squads, two chapters, a guild and 25 people; an active quarter with a
 * company objective, tribe and squad objectives aligned to it, check-ins, a blocker, kudos, a
 * proposal waiting for approval and a private ambition. The seeder (demo-seeder.ts) plays it
 * through the services' APIs. People are named by a key (`sam`); the org service gives the ids.
 */

export type PersonKey = string;

export type DemoPerson = Readonly<{ key: PersonKey; name: string }>;

export type DemoSquad = Readonly<{
  key: string;
  name: string;
  productOwner: PersonKey;
  members: readonly PersonKey[];
}>;

export type DemoTribe = Readonly<{
  key: string;
  name: string;
  mission: string;
  lead: PersonKey;
  squads: readonly DemoSquad[];
}>;

export type DemoChapter = Readonly<{
  key: string;
  name: string;
  /** The craft its members share. */
  craft: string;
  tribe: string;
  lead: PersonKey;
  members: readonly PersonKey[];
}>;

export type DemoGuild = Readonly<{
  key: string;
  name: string;
  interest: string;
  coordinator: PersonKey;
  members: readonly PersonKey[];
}>;

export type DemoMetric = Readonly<{
  type: 'number' | 'percentage' | 'currency' | 'milestone';
  unit: string;
  start: number;
  target: number;
  direction: 'increase' | 'decrease';
}>;

export type DemoKeyResult = Readonly<{
  key: string;
  title: string;
  metric: DemoMetric;
  owner: PersonKey;
}>;

/** Whose objective: the company, or a unit by its key. */
export type DemoOwner = Readonly<
  { kind: 'company' } | { kind: 'tribe' | 'squad' | 'chapter' | 'guild'; unit: string }
>;

export type DemoObjective = Readonly<{
  key: string;
  owner: DemoOwner;
  /** Who sets it: the unit's lead (the admin for the company). */
  by: PersonKey;
  title: string;
  description: string;
  /** The objective (by key) it contributes to. */
  alignedTo?: string;
  keyResults: readonly DemoKeyResult[];
}>;

export type DemoCheckIn = Readonly<{
  keyResult: string;
  by: PersonKey;
  value: number;
  /** 0 to 10. */
  confidence: number;
  progress: string;
  nextSteps?: string;
}>;

export type DemoBlocker = Readonly<{
  keyResult: string;
  by: PersonKey;
  description: string;
  waitsOnChapter: string;
}>;

export type DemoKudos = Readonly<{ from: PersonKey; to: readonly PersonKey[]; message: string }>;

export type DemoProposal = Readonly<{
  by: PersonKey;
  forObjective: string;
  keyResult: Omit<DemoKeyResult, 'key'>;
}>;

export type DemoAmbition = Readonly<{
  of: PersonKey;
  kind: 'growth' | 'career';
  title: string;
  description: string;
}>;

export type DemoOrganisation = Readonly<{
  name: string;
  /** The OKR champion: an admin of the organisation. */
  admin: PersonKey;
  people: readonly DemoPerson[];
  tribes: readonly DemoTribe[];
  chapters: readonly DemoChapter[];
  guilds: readonly DemoGuild[];
  objectives: readonly DemoObjective[];
  checkIns: readonly DemoCheckIn[];
  blockers: readonly DemoBlocker[];
  kudos: readonly DemoKudos[];
  proposals: readonly DemoProposal[];
  ambitions: readonly DemoAmbition[];
  /** Whom to sign in as, and what each shows. */
  signIns: readonly Readonly<{ person: PersonKey; as: string; admin?: boolean }>[];
}>;

const percent = (start: number, target: number): DemoMetric => ({
  type: 'percentage',
  unit: '%',
  start,
  target,
  direction: target >= start ? 'increase' : 'decrease',
});
const count = (unit: string, start: number, target: number): DemoMetric => ({
  type: 'number',
  unit,
  start,
  target,
  direction: target >= start ? 'increase' : 'decrease',
});

const person = (key: PersonKey, name: string): DemoPerson => ({ key, name });

export const acmeMusic: DemoOrganisation = {
  name: 'Acme Music',
  admin: 'olivia',
  people: [
    person('olivia', 'Olivia Bennett'),
    person('tess', 'Tess Okafor'),
    person('hugo', 'Hugo Peeters'),
    person('pete', 'Pete Jansen'),
    person('sam', 'Sam Lee'),
    person('ana', 'Ana Costa'),
    person('ravi', 'Ravi Patel'),
    person('mia', 'Mia de Vries'),
    person('nora', 'Nora Smit'),
    person('liam', 'Liam Chen'),
    person('zoe', 'Zoe Martin'),
    person('daan', 'Daan Bakker'),
    person('grace', 'Grace Adeyemi'),
    person('omar', 'Omar Haddad'),
    person('eva', 'Eva Visser'),
    person('lucas', 'Lucas Moreau'),
    person('ines', 'Ines Silva'),
    person('fatima', 'Fatima El Idrissi'),
    person('jonas', 'Jonas Weber'),
    person('lotte', 'Lotte de Jong'),
    person('kenji', 'Kenji Sato'),
    person('sara', 'Sara Lindqvist'),
    person('tom', 'Tom Hendriks'),
    person('yara', 'Yara Mansour'),
    person('ben', 'Ben Carter'),
  ],
  tribes: [
    {
      key: 'listening',
      name: 'Listening',
      mission: 'Every listener finds the right song for the moment',
      lead: 'tess',
      squads: [
        {
          key: 'playlists',
          name: 'Playlists',
          productOwner: 'pete',
          members: ['pete', 'sam', 'ana', 'ravi', 'mia'],
        },
        {
          key: 'search',
          name: 'Search',
          productOwner: 'nora',
          members: ['nora', 'liam', 'zoe', 'daan', 'grace'],
        },
        {
          key: 'radio',
          name: 'Radio',
          productOwner: 'omar',
          members: ['omar', 'eva', 'lucas', 'ines'],
        },
      ],
    },
    {
      key: 'artists',
      name: 'Artists',
      mission: 'Artists grow their audience with us',
      lead: 'hugo',
      squads: [
        {
          key: 'uploads',
          name: 'Uploads',
          productOwner: 'fatima',
          members: ['fatima', 'jonas', 'lotte', 'kenji'],
        },
        {
          key: 'insights',
          name: 'Insights',
          productOwner: 'sara',
          members: ['sara', 'tom', 'yara', 'ben'],
        },
      ],
    },
  ],
  chapters: [
    {
      key: 'backend',
      name: 'Backend',
      craft: 'backend',
      tribe: 'listening',
      lead: 'ravi',
      members: ['ravi', 'liam', 'lucas'],
    },
    {
      key: 'design',
      name: 'Design',
      craft: 'design',
      tribe: 'artists',
      lead: 'lotte',
      members: ['lotte', 'yara'],
    },
  ],
  guilds: [
    {
      key: 'web-performance',
      name: 'Web performance',
      interest: 'Pages that load in under a second',
      coordinator: 'zoe',
      members: ['zoe', 'kenji', 'ana'],
    },
  ],
  objectives: [
    {
      key: 'company',
      owner: { kind: 'company' },
      by: 'olivia',
      title: 'Be the place where listeners find their next favourite song',
      description: "The company's objective for the quarter",
      keyResults: [
        {
          key: 'weekly-listeners',
          title: 'Weekly active listeners (millions)',
          metric: count('M listeners', 2, 2.6),
          owner: 'olivia',
        },
      ],
    },
    {
      key: 'listening',
      owner: { kind: 'tribe', unit: 'listening' },
      by: 'tess',
      title: 'Listening feels effortless',
      description: 'Fewer taps between opening the app and the music',
      alignedTo: 'company',
      keyResults: [
        {
          key: 'sessions',
          title: 'Sessions per listener per week',
          metric: count('sessions', 4, 5),
          owner: 'tess',
        },
      ],
    },
    {
      key: 'artists',
      owner: { kind: 'tribe', unit: 'artists' },
      by: 'hugo',
      title: 'Artists grow their audience with us',
      description: 'Uploading and understanding listeners take minutes, not days',
      alignedTo: 'company',
      keyResults: [
        {
          key: 'weekly-uploaders',
          title: 'Artists who upload every week',
          metric: count('artists', 1200, 1800),
          owner: 'hugo',
        },
      ],
    },
    {
      key: 'playlists',
      owner: { kind: 'squad', unit: 'playlists' },
      by: 'pete',
      title: 'Playlists people come back to',
      description: 'Saved, shared and played again',
      alignedTo: 'listening',
      keyResults: [
        {
          key: 'saved-playlists',
          title: 'Saved playlists per listener',
          metric: count('playlists', 1.2, 2),
          owner: 'sam',
        },
        {
          key: 'playlist-retention',
          title: 'Day-7 return to a playlist',
          metric: percent(35, 45),
          owner: 'ana',
        },
      ],
    },
    {
      key: 'search',
      owner: { kind: 'squad', unit: 'search' },
      by: 'nora',
      title: 'Find any song in two keystrokes',
      description: 'Search that knows what you mean',
      alignedTo: 'listening',
      keyResults: [
        {
          key: 'search-to-play',
          title: 'Searches that end in a play',
          metric: percent(62, 75),
          owner: 'liam',
        },
      ],
    },
    {
      key: 'radio',
      owner: { kind: 'squad', unit: 'radio' },
      by: 'omar',
      title: 'Radio that knows your mood',
      description: 'Stations that fit the moment',
      alignedTo: 'listening',
      keyResults: [
        {
          key: 'radio-skips',
          title: 'Songs skipped on radio',
          metric: percent(40, 30),
          owner: 'eva',
        },
      ],
    },
    {
      key: 'uploads',
      owner: { kind: 'squad', unit: 'uploads' },
      by: 'fatima',
      title: 'Uploading a track takes a minute',
      description: 'From file to release without waiting',
      alignedTo: 'artists',
      keyResults: [
        {
          key: 'upload-time',
          title: 'Median time to upload a track (minutes)',
          metric: count('minutes', 6, 1),
          owner: 'jonas',
        },
      ],
    },
    {
      key: 'insights',
      owner: { kind: 'squad', unit: 'insights' },
      by: 'sara',
      title: 'Artists understand their listeners',
      description: 'Insights artists open every week',
      alignedTo: 'artists',
      keyResults: [
        {
          key: 'insights-weekly',
          title: 'Artists who open insights weekly',
          metric: percent(20, 50),
          owner: 'tom',
        },
      ],
    },
    {
      key: 'backend',
      owner: { kind: 'chapter', unit: 'backend' },
      by: 'ravi',
      title: 'Every service has an SLO',
      description: 'We know when we let listeners down',
      keyResults: [
        {
          key: 'slo-coverage',
          title: 'Services with an SLO and an alert',
          metric: percent(30, 100),
          owner: 'lucas',
        },
      ],
    },
    {
      key: 'web-performance',
      owner: { kind: 'guild', unit: 'web-performance' },
      by: 'zoe',
      title: 'Pages load in under a second',
      description: 'Fast everywhere, also on a train',
      keyResults: [
        {
          key: 'fast-pages',
          title: 'Page views under one second',
          metric: percent(70, 90),
          owner: 'kenji',
        },
      ],
    },
  ],
  checkIns: [
    {
      keyResult: 'saved-playlists',
      by: 'sam',
      value: 1.4,
      confidence: 7,
      progress: 'The playlist import shipped; saves are up',
      nextSteps: 'Suggest a playlist after the third play',
    },
    {
      keyResult: 'playlist-retention',
      by: 'ana',
      value: 37,
      confidence: 5,
      progress: 'Small gains from the weekly mix reminder',
    },
    {
      keyResult: 'search-to-play',
      by: 'liam',
      value: 66,
      confidence: 8,
      progress: 'Typo tolerance is live',
    },
    {
      keyResult: 'radio-skips',
      by: 'eva',
      value: 38,
      confidence: 4,
      progress: 'Mood stations tested with 5% of listeners',
      nextSteps: 'Waiting for mood tags from the metadata API',
    },
    {
      keyResult: 'upload-time',
      by: 'jonas',
      value: 4.5,
      confidence: 6,
      progress: 'Uploads run in parallel now',
    },
  ],
  blockers: [
    {
      keyResult: 'radio-skips',
      by: 'eva',
      description: 'Mood tags need the new metadata API from the Backend chapter',
      waitsOnChapter: 'backend',
    },
  ],
  kudos: [
    { from: 'pete', to: ['sam'], message: 'The playlist import in record time: thank you!' },
    { from: 'tess', to: ['liam', 'zoe'], message: 'Typo-tolerant search is a joy to use' },
    { from: 'nora', to: ['ravi'], message: 'Thanks for pairing on the search index' },
  ],
  proposals: [
    {
      by: 'mia',
      forObjective: 'playlists',
      keyResult: {
        title: 'Collaborative playlists created per week',
        metric: count('playlists', 500, 2000),
        owner: 'mia',
      },
    },
  ],
  ambitions: [
    {
      of: 'sam',
      kind: 'career',
      title: 'Become a product owner within two years',
      description: 'Start by owning key results and running a planning session',
    },
  ],
  signIns: [
    { person: 'sam', as: 'a squad member (Playlists): My week, check-ins, kudos' },
    { person: 'pete', as: 'a product owner (Playlists): a proposal waits for you' },
    { person: 'tess', as: 'a tribe lead (Listening)' },
    { person: 'ravi', as: 'a chapter lead (Backend): a blocker waits on your chapter' },
    { person: 'olivia', as: 'the OKR champion — tick "admin"', admin: true },
  ],
};
