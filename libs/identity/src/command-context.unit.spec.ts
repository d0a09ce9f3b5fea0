import type { AuthenticatedActor } from './authenticated-actor';
import { commandContextOf } from './command-context';

const pia: AuthenticatedActor = {
  personId: 'pia',
  tenantId: 'acme',
  roles: ['member'],
  correlationId: 'request-1',
};
const now = new Date('2026-03-02T09:30:00Z');

describe('commandContextOf', () => {
  it('takes the tenant, the actor and the correlation id from the token, the time from the clock', () => {
    expect(commandContextOf(pia, now)).toEqual({
      tenantId: 'acme',
      actor: 'pia',
      correlationId: 'request-1',
      causationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      now,
    });
  });

  it('gives each command its own causation id', () => {
    expect(commandContextOf(pia, now).causationId).not.toBe(commandContextOf(pia, now).causationId);
  });

  it('keeps a reason trimmed, and no reason when it is blank', () => {
    expect(commandContextOf(pia, now, '  lower target after the re-plan ').reason).toBe(
      'lower target after the re-plan',
    );
    expect(commandContextOf(pia, now, '   ')).not.toHaveProperty('reason');
    expect(commandContextOf(pia, now, undefined)).not.toHaveProperty('reason');
  });
});
