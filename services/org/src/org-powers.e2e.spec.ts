import { randomUUID } from 'node:crypto';
import { orgPowers, type OrgCommand } from './org-domain';
import { OrgApiClient, type OrgApiError, type OrgApiResponse } from './testing/org-api.client';
import { OrgServiceProcess } from './testing/org-service.process';
import {
  StaffedOrganisation,
  staff,
  type StaffMember,
  type UnitName,
} from './testing/staffed-organisation';

jest.setTimeout(300_000);

/** The actors of docs/security.md "Powers", in its order. */
const columns = [
  'admin',
  'tribe lead',
  'product owner',
  'chapter lead',
  'guild coordinator',
  'member',
  'the person themselves',
] as const;
type Column = (typeof columns)[number];

/** Who plays each column unless a row says otherwise (see StaffedOrganisation). */
const cast: Readonly<Record<Column, StaffMember>> = {
  admin: 'Ada',
  'tribe lead': 'Tara',
  'product owner': 'Pia',
  'chapter lead': 'Cleo',
  'guild coordinator': 'Gus',
  member: 'Max',
  'the person themselves': 'Sam',
};

type Request = Readonly<{
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: object;
}>;
type Ids = (name: StaffMember | UnitName) => string;

type Row = Readonly<{
  /** The row of the table in code (`orgPowers`) this one tests. */
  command: OrgCommand['type'];
  /** What the actors try, as the row of docs/security.md says it. */
  does: string;
  /** The table's ticks: who gets `ok`. Everyone else gets 403. */
  may: readonly Column[];
  ok: 200 | 201;
  request: (id: Ids) => Request;
  /** The object whose id, unknown, makes the request a 404 for anyone. */
  target?: StaffMember | UnitName;
  /** The person the command is about, when there is one: "the person themselves". */
  subject?: StaffMember;
  /** Who plays a column in this row, when not the usual cast. */
  casting?: Partial<Record<Column, StaffMember>>;
  /** Ada's preparations, before anyone acts. */
  arrange?: (org: StaffedOrganisation) => Promise<unknown>;
  /** Allowed acts happen in a new tenant: the organisation does not exist yet. */
  bare?: true;
}>;

const name = { name: 'New name' };
const reason = { reason: 'As agreed' };
const sam = (id: Ids) => ({ personId: id('Sam') });

/** The org rows of docs/security.md "Powers", one entry per row (and per case of a row). */
const rows: readonly Row[] = [
  {
    command: 'EstablishOrganisation',
    does: 'establish the organisation',
    may: ['admin'],
    ok: 201,
    request: () => ({ method: 'POST', path: '/organisation', body: { name: 'Acme' } }),
    bare: true,
  },
  {
    command: 'RenameOrganisation',
    does: 'rename the organisation',
    may: ['admin'],
    ok: 200,
    request: () => ({ method: 'PUT', path: '/organisation/name', body: name }),
  },
  {
    command: 'JoinOrganisation',
    does: 'register a person',
    may: ['admin'],
    ok: 201,
    request: () => ({
      method: 'POST',
      path: '/people',
      body: { name: 'Zoe', email: 'zoe@acme.test' },
    }),
  },
  {
    command: 'UpdatePersonProfile',
    does: "change a person's name or e-mail",
    may: ['admin', 'the person themselves'],
    ok: 200,
    request: (id) => ({
      method: 'PATCH',
      path: `/people/${id('Sam')}`,
      body: { name: 'Sam Stone', email: 'sam.stone@acme.test' },
    }),
    target: 'Sam',
    subject: 'Sam',
  },
  {
    command: 'LeaveOrganisation',
    does: 'record that a person leaves the organisation',
    may: ['admin'],
    ok: 200,
    request: (id) => ({ method: 'POST', path: `/people/${id('Sam')}/leave`, body: reason }),
    target: 'Sam',
    subject: 'Sam',
  },
  {
    command: 'ErasePersonalData',
    does: "erase a person's personal data",
    may: ['admin', 'the person themselves'],
    ok: 200,
    request: (id) => ({ method: 'DELETE', path: `/people/${id('Sam')}/personal-data` }),
    target: 'Sam',
    subject: 'Sam',
  },
  {
    command: 'FormTribe',
    does: 'form a tribe',
    may: ['admin'],
    ok: 201,
    request: () => ({ method: 'POST', path: '/tribes', body: { name: 'Growth' } }),
  },
  {
    command: 'RenameTribe',
    does: 'rename a tribe',
    may: ['admin', 'tribe lead'],
    ok: 200,
    request: (id) => ({ method: 'PUT', path: `/tribes/${id('Payments')}/name`, body: name }),
    target: 'Payments',
  },
  {
    command: 'AppointTribeLead',
    does: 'appoint (replace) the tribe lead',
    may: ['admin'],
    ok: 200,
    request: (id) => ({ method: 'PUT', path: `/tribes/${id('Payments')}/lead`, body: sam(id) }),
    target: 'Payments',
    subject: 'Sam',
  },
  {
    command: 'DissolveTribe',
    does: 'dissolve a tribe (Labs, empty, led by Tara)',
    may: ['admin'],
    ok: 200,
    request: (id) => ({ method: 'POST', path: `/tribes/${id('Labs')}/dissolve`, body: reason }),
    target: 'Labs',
  },
  {
    command: 'FormSquad',
    does: 'form a squad in a tribe',
    may: ['admin', 'tribe lead'],
    ok: 201,
    request: (id) => ({
      method: 'POST',
      path: '/squads',
      body: { tribeId: id('Payments'), name: 'Onboarding' },
    }),
    target: 'Payments',
  },
  {
    command: 'RenameSquad',
    does: 'rename a squad',
    may: ['admin', 'tribe lead', 'product owner'],
    ok: 200,
    request: (id) => ({ method: 'PUT', path: `/squads/${id('Checkout')}/name`, body: name }),
    target: 'Checkout',
  },
  {
    command: 'AppointProductOwner',
    does: 'appoint (replace) the product owner',
    may: ['admin', 'tribe lead'],
    ok: 200,
    request: (id) => ({
      method: 'PUT',
      path: `/squads/${id('Checkout')}/product-owner`,
      body: sam(id),
    }),
    target: 'Checkout',
    subject: 'Sam',
  },
  {
    command: 'MoveSquad',
    does: 'move a squad to another tribe (Payments to Labs, both led by Tara)',
    may: ['admin', 'tribe lead'],
    ok: 200,
    request: (id) => ({
      method: 'POST',
      path: `/squads/${id('Checkout')}/move`,
      body: { toTribeId: id('Labs') },
    }),
    target: 'Checkout',
  },
  {
    command: 'MoveSquad',
    does: 'move a squad into a tribe its tribe lead does not lead (Payments to Discovery)',
    may: ['admin'],
    ok: 200,
    request: (id) => ({
      method: 'POST',
      path: `/squads/${id('Checkout')}/move`,
      body: { toTribeId: id('Discovery') },
    }),
    target: 'Discovery',
  },
  {
    command: 'DissolveSquad',
    does: 'dissolve a squad',
    may: ['admin', 'tribe lead'],
    ok: 200,
    request: (id) => ({ method: 'POST', path: `/squads/${id('Checkout')}/dissolve`, body: reason }),
    target: 'Checkout',
  },
  {
    command: 'FormChapter',
    does: 'form a chapter in a tribe',
    may: ['admin', 'tribe lead'],
    ok: 201,
    request: (id) => ({
      method: 'POST',
      path: '/chapters',
      body: { tribeId: id('Payments'), name: 'Data', craft: 'data' },
    }),
    target: 'Payments',
  },
  {
    command: 'RenameChapter',
    does: 'rename a chapter',
    may: ['admin', 'tribe lead', 'chapter lead'],
    ok: 200,
    request: (id) => ({ method: 'PUT', path: `/chapters/${id('Backend')}/name`, body: name }),
    target: 'Backend',
  },
  {
    command: 'AppointChapterLead',
    does: 'appoint (replace) the chapter lead',
    may: ['admin', 'tribe lead'],
    ok: 200,
    request: (id) => ({ method: 'PUT', path: `/chapters/${id('Backend')}/lead`, body: sam(id) }),
    target: 'Backend',
    subject: 'Sam',
  },
  {
    command: 'DissolveChapter',
    does: 'dissolve a chapter',
    may: ['admin', 'tribe lead'],
    ok: 200,
    request: (id) => ({
      method: 'POST',
      path: `/chapters/${id('Backend')}/dissolve`,
      body: reason,
    }),
    target: 'Backend',
  },
  {
    command: 'FormGuild',
    does: 'form a guild',
    may: ['admin'],
    ok: 201,
    request: () => ({ method: 'POST', path: '/guilds', body: { name: 'Rust' } }),
  },
  {
    command: 'RenameGuild',
    does: 'rename a guild',
    may: ['admin', 'guild coordinator'],
    ok: 200,
    request: (id) => ({ method: 'PUT', path: `/guilds/${id('Web')}/name`, body: name }),
    target: 'Web',
  },
  {
    command: 'AddGuildCoordinator',
    does: 'add a guild coordinator',
    may: ['admin', 'guild coordinator'],
    ok: 200,
    request: (id) => ({ method: 'POST', path: `/guilds/${id('Web')}/coordinators`, body: sam(id) }),
    target: 'Web',
    subject: 'Sam',
  },
  {
    command: 'RemoveGuildCoordinator',
    does: 'remove a guild coordinator (Sam, who coordinates Web with Gus)',
    may: ['admin', 'the person themselves'],
    ok: 200,
    request: (id) => ({ method: 'DELETE', path: `/guilds/${id('Web')}/coordinators/${id('Sam')}` }),
    target: 'Web',
    subject: 'Sam',
    arrange: (org) => org.lead('Web', 'Sam'),
  },
  {
    command: 'DissolveGuild',
    does: 'dissolve a guild',
    may: ['admin'],
    ok: 200,
    request: (id) => ({ method: 'POST', path: `/guilds/${id('Web')}/dissolve`, body: reason }),
    target: 'Web',
  },
  {
    command: 'JoinSquad',
    does: 'add a person in no squad to a squad',
    may: ['admin', 'tribe lead', 'product owner'],
    ok: 201,
    request: (id) => ({ method: 'POST', path: `/squads/${id('Checkout')}/members`, body: sam(id) }),
    target: 'Checkout',
    subject: 'Sam',
  },
  {
    command: 'JoinSquad',
    does: 'add a person in another squad to a squad: a move out of that squad (Wallet)',
    may: ['admin', 'tribe lead'],
    ok: 201,
    request: (id) => ({ method: 'POST', path: `/squads/${id('Checkout')}/members`, body: sam(id) }),
    target: 'Checkout',
    subject: 'Sam',
    arrange: (org) => org.join('Sam', 'Wallet'),
  },
  {
    command: 'JoinSquad',
    does: 'add the lead of another squad (Wes, product owner of Wallet) to a squad (issue 8, finding 3)',
    may: ['admin', 'tribe lead'],
    ok: 201,
    request: (id) => ({
      method: 'POST',
      path: `/squads/${id('Checkout')}/members`,
      body: { personId: id('Wes') },
    }),
    target: 'Checkout',
    subject: 'Wes',
  },
  {
    command: 'JoinSquad',
    does: 'move a person between two squads one leads (Pia leads Search too)',
    may: ['admin', 'product owner'],
    ok: 201,
    request: (id) => ({ method: 'POST', path: `/squads/${id('Checkout')}/members`, body: sam(id) }),
    target: 'Checkout',
    subject: 'Sam',
    arrange: async (org) => {
      await org.lead('Search', 'Pia');
      await org.join('Sam', 'Search');
    },
  },
  {
    command: 'JoinSquad',
    does: 'a move that ends a chapter membership (Sam in Search and Design) needs the chapter too',
    may: ['admin'],
    ok: 201,
    request: (id) => ({ method: 'POST', path: `/squads/${id('Checkout')}/members`, body: sam(id) }),
    target: 'Checkout',
    subject: 'Sam',
    casting: { 'chapter lead': 'Dora' },
    arrange: async (org) => {
      await org.lead('Search', 'Pia');
      await org.join('Sam', 'Search');
      await org.join('Sam', 'Design');
    },
  },
  {
    command: 'LeaveSquad',
    does: 'remove a person from a squad',
    may: ['admin', 'tribe lead', 'product owner'],
    ok: 200,
    request: (id) => ({
      method: 'DELETE',
      path: `/squads/${id('Checkout')}/members/${id('Sam')}`,
    }),
    target: 'Checkout',
    subject: 'Sam',
    arrange: (org) => org.join('Sam', 'Checkout'),
  },
  {
    command: 'JoinChapter',
    does: 'add a person to a chapter',
    may: ['admin', 'tribe lead', 'chapter lead'],
    ok: 201,
    request: (id) => ({
      method: 'POST',
      path: `/chapters/${id('Backend')}/members`,
      body: sam(id),
    }),
    target: 'Backend',
    subject: 'Sam',
    arrange: (org) => org.join('Sam', 'Checkout'),
  },
  {
    command: 'LeaveChapter',
    does: 'remove a person from a chapter',
    may: ['admin', 'tribe lead', 'chapter lead'],
    ok: 200,
    request: (id) => ({
      method: 'DELETE',
      path: `/chapters/${id('Backend')}/members/${id('Sam')}`,
    }),
    target: 'Backend',
    subject: 'Sam',
    arrange: async (org) => {
      await org.join('Sam', 'Checkout');
      await org.join('Sam', 'Backend');
    },
  },
  {
    command: 'JoinGuild',
    does: 'add a person to a guild',
    may: ['admin', 'guild coordinator', 'the person themselves'],
    ok: 201,
    request: (id) => ({ method: 'POST', path: `/guilds/${id('Web')}/members`, body: sam(id) }),
    target: 'Web',
    subject: 'Sam',
  },
  {
    command: 'LeaveGuild',
    does: 'remove a person from a guild',
    may: ['admin', 'guild coordinator', 'the person themselves'],
    ok: 200,
    request: (id) => ({ method: 'DELETE', path: `/guilds/${id('Web')}/members/${id('Sam')}` }),
    target: 'Web',
    subject: 'Sam',
    arrange: (org) => org.join('Sam', 'Web'),
  },
];

/** A status as the row shows it: 2xx alone, anything else with its error code. */
const outcome = (response: OrgApiResponse): string =>
  response.status < 300
    ? String(response.status)
    : `${response.status} ${(response.body as OrgApiError | undefined)?.error ?? ''}`;

const send = (api: OrgApiClient, { method, path, body }: Request) =>
  api.call(method, path, body === undefined ? {} : { body });

/** Who acts in a row, by label: the columns, then everyone who leads something elsewhere. */
type Actor = Readonly<{ label: string; person: StaffMember; may: boolean }>;

/** Who acts in a row: the columns, then everyone who leads something elsewhere (refused). */
const actorsOf = (row: Row): readonly Actor[] => {
  const playing = { ...cast, ...row.casting, 'the person themselves': row.subject ?? 'Sam' };
  const acting = columns
    .filter((column) => column !== 'the person themselves' || row.subject !== undefined)
    .map((column): Actor => ({
      label: `${column} (${playing[column]})`,
      person: playing[column],
      may: row.may.includes(column),
    }));
  const playingSomeone = new Set(acting.map(({ person }) => person));
  const elsewhere = staff
    .filter((person) => !playingSomeone.has(person) && person !== 'Sam')
    .map((person): Actor => ({ label: `${person}, who leads elsewhere`, person, may: false }));
  return [...acting, ...elsewhere];
};

/**
 * The table of powers over the org, row by row at the HTTP edge of the real process. Each row
 * runs in organisations of its own: every actor the row allows acts alone in a fresh one (the act
 * changes it); the actors it refuses act one after another in another, where an unknown target
 * id answers 404 to anyone.
 */
describe('who may do what in the org: the table of powers at the HTTP edge', () => {
  let service: OrgServiceProcess;
  let api: OrgApiClient;
  const unknownId = randomUUID();

  beforeAll(async () => {
    service = await OrgServiceProcess.start();
    api = new OrgApiClient(service.url);
  });

  afterAll(async () => {
    if (!service) return;
    await service.stop();
    await service.dispose();
  });

  it('has a row for every org command of the table in code', () => {
    expect([...new Set(rows.map((row) => row.command))].sort()).toEqual(
      Object.keys(orgPowers).sort(),
    );
  });

  const organisationFor = async (row: Row): Promise<StaffedOrganisation> => {
    const org = await StaffedOrganisation.build(api);
    await row.arrange?.(org);
    return org;
  };

  it.each(rows.map((row) => [`${row.command}: ${row.does}`, row] as const))(
    '%s',
    async (_, row) => {
      const actors = actorsOf(row);
      const expected = Object.fromEntries(
        actors.map(({ label, may }) => [label, may ? String(row.ok) : '403 forbidden']),
      );
      const allowed = actors.filter(({ may }) => may);
      const refused = actors.filter(({ may }) => !may);

      const [shared, ...own] = await Promise.all([
        organisationFor(row),
        ...allowed.map(() =>
          row.bare ? Promise.resolve(StaffedOrganisation.bare(api)) : organisationFor(row),
        ),
      ]);
      const actual: Record<string, string> = {};
      await Promise.all(
        allowed.map(async ({ label, person }, index) => {
          const org = own[index];
          const as = row.bare ? org.founder() : org.as(person);
          actual[label] = outcome(
            await send(
              as,
              row.request((unit) => org.id(unit)),
            ),
          );
        }),
      );
      for (const { label, person } of refused) {
        actual[label] = outcome(
          await send(
            shared.as(person),
            row.request((unit) => shared.id(unit)),
          ),
        );
      }
      if (row.target !== undefined) {
        const target = row.target;
        const unknownTarget = row.request((unit) =>
          unit === target ? unknownId : shared.id(unit),
        );
        expected['anyone, naming an unknown id'] = '404 not_found';
        actual['anyone, naming an unknown id'] = outcome(
          await send(shared.as('Max'), unknownTarget),
        );
      }
      expect(actual).toEqual(expected);
    },
  );
});
