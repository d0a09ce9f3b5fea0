import { AlreadyExists, Forbidden, NotFound, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the decider itself depends on the kernel and the goals domain alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { Actor } from '@rhythm/goals-domain';
import { boardDecider, type CreateBoard } from './board.decider';
import type { BoardEvent } from './board.events';

const spec = DeciderSpecification.for(boardDecider);

const olga: Actor = { personId: 'olga', isAdmin: true, leads: [] };
const ann: Actor = { personId: 'ann', isAdmin: false, leads: [{ kind: 'squad', id: 'checkout' }] };
const bob: Actor = { personId: 'bob', isAdmin: false, leads: [] };
const checkout = { kind: 'squad', id: 'checkout' } as const;

const create: CreateBoard = {
  type: 'CreateBoard',
  actor: ann,
  data: { boardId: 'b1', scope: checkout, cycleId: '2026-q1', title: ' Checkout ', linkId: 'L1' },
  facts: { cycleExists: true, scopeExists: true },
};
const created: BoardEvent = {
  type: 'BoardCreated',
  data: { boardId: 'b1', scope: checkout, cycleId: '2026-q1', title: 'Checkout', linkId: 'L1' },
};
const revoked: BoardEvent = { type: 'BoardRevoked', data: { boardId: 'b1' } };

describe('TV boards', () => {
  it("the unit's lead shows its OKRs on a board", () =>
    spec.given([]).when(create).then([created]));

  it('an admin may show any unit', () =>
    spec
      .given([])
      .when({ ...create, actor: olga })
      .then([created]));

  it('a member who leads nothing may not', () =>
    spec
      .given([])
      .when({ ...create, actor: bob })
      .thenThrows(Forbidden, /Only the lead of squad checkout/));

  it('a unit the organisation does not know is not found', () =>
    spec
      .given([])
      .when({ ...create, facts: { cycleExists: true, scopeExists: false } })
      .thenThrows(NotFound, /No squad checkout/));

  it('a cycle that does not exist is not found', () =>
    spec
      .given([])
      .when({ ...create, facts: { cycleExists: false, scopeExists: true } })
      .thenThrows(NotFound, /Cycle 2026-q1/));

  it('a title is required', () =>
    spec
      .given([])
      .when({ ...create, data: { ...create.data, title: ' ' } })
      .thenThrows(ValidationFailed));

  it('a board id is used once', () => spec.given([created]).when(create).thenThrows(AlreadyExists));

  it('its lead revokes it', () =>
    spec
      .given([created])
      .when({ type: 'RevokeBoard', actor: ann, data: { boardId: 'b1' } })
      .then([revoked]));

  it('revoking it again changes nothing', () =>
    spec
      .given([created, revoked])
      .when({ type: 'RevokeBoard', actor: olga, data: { boardId: 'b1' } })
      .then([]));

  it('to someone who may not manage it, the board is not there', () =>
    spec
      .given([created])
      .when({ type: 'RevokeBoard', actor: bob, data: { boardId: 'b1' } })
      .thenThrows(NotFound, /Board b1 not found/));

  it('an unknown board is not found', () =>
    spec
      .given([])
      .when({ type: 'RevokeBoard', actor: olga, data: { boardId: 'b1' } })
      .thenThrows(NotFound));
});
