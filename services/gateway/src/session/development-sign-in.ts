import { identifierProblem } from '@rhythm/event-sourcing';
import type { AccessTokenClaims, Role } from '@rhythm/identity';
import { z } from 'zod';

/** Mints a token the services trust: the local development key (`mintDevelopmentToken`). */
export type DevelopmentTokenMinter = (claims: AccessTokenClaims) => string;

/** A person of an organisation the sign-in page offers, with the names of the units they lead. */
export type SignInCandidate = Readonly<{
  personId: string;
  name: string;
  leads: readonly string[];
}>;

/** The gateway's own subject when it lists an organisation's people for the sign-in page. */
export const GATEWAY_SUBJECT = 'rhythm-gateway';

const organisationId = z.string().refine((value) => identifierProblem(value) === undefined, {
  message: "1 to 64 letters, digits, '.', '_' or '-'",
});

export const developmentSignInSchema = z
  .object({
    organisationId,
    personId: z.string().refine((value) => identifierProblem(value) === undefined, {
      message: "1 to 64 letters, digits, '.', '_' or '-'",
    }),
    admin: z.boolean().optional(),
    /** Only for someone who is not yet a person: the founder of a new organisation. */
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export type DevelopmentSignIn = z.infer<typeof developmentSignInSchema>;

export const candidatesQuerySchema = z.object({ organisationId }).strict();

type OrgPerson = Readonly<{
  personId: string;
  name: string;
  leads: readonly Readonly<{ kind: string; id: string; name: string }>[];
}>;

/** Why the org service's list could not be read. */
export class OrganisationUnreachable extends Error {
  override name = 'OrganisationUnreachable';
}

/**
 * The local stack's sign-in: anyone may be anyone, which is why it exists only where
 * RHYTHM_DEV_SIGN_IN=true (deploy/local/run.sh). It reads the organisation's people from the
 * org service with a token of its own (an admin of that organisation who is no person of it, as
 * an HR system is, docs/adr/0032) and mints the chosen person's token with the development key.
 */
export class DevelopmentSignInDesk {
  constructor(
    private readonly orgUrl: string,
    private readonly mint: DevelopmentTokenMinter,
  ) {}

  async candidates(organisation: string): Promise<SignInCandidate[]> {
    const token = this.mint({ sub: GATEWAY_SUBJECT, tenant: organisation, roles: ['admin'] });
    let response: globalThis.Response;
    try {
      response = await fetch(`${this.orgUrl}/people`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      throw new OrganisationUnreachable('The org service is not reachable right now.');
    }
    if (response.status === 404) return [];
    if (!response.ok) {
      throw new OrganisationUnreachable(`The org service answered ${response.status}.`);
    }
    const people = (await response.json()) as readonly OrgPerson[];
    return people.map((person) => ({
      personId: person.personId,
      name: person.name,
      leads: person.leads.map((unit) => unit.name),
    }));
  }

  /**
   * The token of the chosen person: a person of the organisation (found in its list), or,
   * with a name and admin, the founder of an organisation the org service does not know yet.
   * Undefined when the person is not one of the organisation's.
   */
  async tokenFor(request: DevelopmentSignIn): Promise<string | undefined> {
    const roles: Role[] = request.admin ? ['admin', 'member'] : ['member'];
    const founding = request.name !== undefined && request.admin === true;
    let name = request.name;
    if (!founding) {
      const person = (await this.candidates(request.organisationId)).find(
        (candidate) => candidate.personId === request.personId,
      );
      if (!person) return undefined;
      name = person.name;
    }
    return this.mint({
      sub: request.personId,
      tenant: request.organisationId,
      roles,
      ...(name ? { name } : {}),
    });
  }
}
