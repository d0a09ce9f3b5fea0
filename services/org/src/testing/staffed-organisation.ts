import { randomUUID } from 'node:crypto';
import { uniqueName } from '@rhythm/testing';
import type { CommandAccepted, OrgApiClient, OrgApiResponse } from './org-api.client';
import { orgToken } from './org-service.process';

/** Everyone on the staff; each holds one role (or none) in one unit. */
export const staff = [
  'Ada',
  'Tara',
  'Pia',
  'Cleo',
  'Gus',
  'Max',
  'Sam',
  'Otto',
  'Wes',
  'Quinn',
  'Dora',
  'Gil',
] as const;
export type StaffMember = (typeof staff)[number];

export type UnitName =
  | 'Payments'
  | 'Discovery'
  | 'Labs'
  | 'Checkout'
  | 'Wallet'
  | 'Search'
  | 'Backend'
  | 'Design'
  | 'Web'
  | 'Data';

const kindOf = {
  Payments: 'tribes',
  Discovery: 'tribes',
  Labs: 'tribes',
  Checkout: 'squads',
  Wallet: 'squads',
  Search: 'squads',
  Backend: 'chapters',
  Design: 'chapters',
  Web: 'guilds',
  Data: 'guilds',
} as const satisfies Record<UnitName, string>;

const accepted = async (
  request: Promise<OrgApiResponse<CommandAccepted>>,
  what: string,
): Promise<string> => {
  const { status, body } = await request;
  if (status !== 200 && status !== 201) {
    throw new Error(
      `Setting up the organisation: ${what} answered ${status} ${JSON.stringify(body)}`,
    );
  }
  return body.id;
};

/**
 * A new organisation (a tenant of its own) staffed with one holder of every role, set up by its
 * admin through the HTTP API, for tests of who may do what:
 *
 *   Payments (lead Tara): squads Checkout (product owner Pia; Max) and Wallet (product owner Wes;
 *     Wes), chapter Backend (lead Cleo)
 *   Discovery (lead Otto): squad Search (product owner Quinn), chapter Design (lead Dora)
 *   Labs (lead Tara): empty
 *   guilds Web (coordinator Gus) and Data (coordinator Gil)
 *
 * Ada is the admin; Sam belongs to no unit yet. Every one of them is a person of the organisation.
 */
export class StaffedOrganisation {
  private readonly ids = new Map<string, string>();

  private constructor(
    private readonly api: OrgApiClient,
    readonly tenantId: string,
  ) {}

  /** A tenant with no organisation yet, and an admin token to establish it. */
  static bare(api: OrgApiClient): StaffedOrganisation {
    return new StaffedOrganisation(api, uniqueName('powers'));
  }

  static async build(api: OrgApiClient): Promise<StaffedOrganisation> {
    const org = StaffedOrganisation.bare(api);
    const founder = org.founder();
    await accepted(founder.post('/organisation', { name: 'Acme' }), 'establish');
    await Promise.all(
      staff.map(async (person) =>
        org.ids.set(
          person,
          await accepted(
            founder.post('/people', { name: person, email: `${person.toLowerCase()}@acme.test` }),
            `register ${person}`,
          ),
        ),
      ),
    );
    const ada = org.as('Ada');
    const form = async (unit: UnitName, path: string, body: object) =>
      org.ids.set(unit, await accepted(ada.post(path, body), `form ${unit}`));
    await Promise.all([
      form('Payments', '/tribes', { name: 'Payments' }),
      form('Discovery', '/tribes', { name: 'Discovery' }),
      form('Labs', '/tribes', { name: 'Labs' }),
      form('Web', '/guilds', { name: 'Web' }),
      form('Data', '/guilds', { name: 'Data' }),
    ]);
    await Promise.all([
      form('Checkout', '/squads', { tribeId: org.id('Payments'), name: 'Checkout' }),
      form('Wallet', '/squads', { tribeId: org.id('Payments'), name: 'Wallet' }),
      form('Search', '/squads', { tribeId: org.id('Discovery'), name: 'Search' }),
      form('Backend', '/chapters', { tribeId: org.id('Payments'), name: 'Backend', craft: 'be' }),
      form('Design', '/chapters', { tribeId: org.id('Discovery'), name: 'Design', craft: 'ux' }),
      org.lead('Payments', 'Tara'),
      org.lead('Discovery', 'Otto'),
      org.lead('Labs', 'Tara'),
      org.lead('Web', 'Gus'),
      org.lead('Data', 'Gil'),
    ]);
    await Promise.all([
      org.lead('Checkout', 'Pia'),
      org.lead('Wallet', 'Wes'),
      org.lead('Search', 'Quinn'),
      org.lead('Backend', 'Cleo'),
      org.lead('Design', 'Dora'),
      org.join('Max', 'Checkout'),
      org.join('Wes', 'Wallet'),
    ]);
    return org;
  }

  id(name: StaffMember | UnitName): string {
    const id = this.ids.get(name);
    if (id === undefined) throw new Error(`${name} is not part of this organisation`);
    return id;
  }

  /** The API as this person, with their roles: Ada is an admin, everyone else a member. */
  as(person: StaffMember): OrgApiClient {
    const roles = person === 'Ada' ? ['admin', 'member'] : ['member'];
    return this.api.as(orgToken({ personId: this.id(person), tenantId: this.tenantId, roles }));
  }

  /** An admin who is not a person yet: who establishes the organisation and registers its people. */
  founder(): OrgApiClient {
    return this.api.as(
      orgToken({ personId: randomUUID(), tenantId: this.tenantId, roles: ['admin', 'member'] }),
    );
  }

  /** Ada appoints the person to lead the unit (tribe, squad, chapter; a guild's coordinator). */
  async lead(unit: UnitName, person: StaffMember): Promise<void> {
    const path = `/${kindOf[unit]}/${this.id(unit)}`;
    const body = { personId: this.id(person) };
    const ada = this.as('Ada');
    const request = {
      tribes: () => ada.put(`${path}/lead`, body),
      squads: () => ada.put(`${path}/product-owner`, body),
      chapters: () => ada.put(`${path}/lead`, body),
      guilds: () => ada.post(`${path}/coordinators`, body),
    }[kindOf[unit]];
    await accepted(request(), `${person} leads ${unit}`);
  }

  /** Ada adds the person to the squad, chapter or guild. */
  async join(person: StaffMember, unit: UnitName): Promise<void> {
    await accepted(
      this.as('Ada').post(`/${kindOf[unit]}/${this.id(unit)}/members`, {
        personId: this.id(person),
      }),
      `${person} joins ${unit}`,
    );
  }
}
