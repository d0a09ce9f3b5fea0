import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Blocker } from '../my-week/api';
import { renderWithConsole, stubApi } from '../../testing/render';
import { blocker, blockerId, objective, objectiveId, squadId } from './objective-answers';
import { blockerActionsFor, ObjectiveBlockers } from './ObjectiveBlockers';

const open = blocker as unknown as Blocker;

describe('who may act on a blocker', () => {
  it('lets its lead acknowledge, escalate and resolve; who raised it escalate and resolve', () => {
    expect(blockerActionsFor(open, 'pete')).toEqual(['acknowledge', 'escalate', 'resolve']);
    expect(blockerActionsFor(open, 'sam')).toEqual(['escalate', 'resolve']);
    expect(blockerActionsFor(open, 'olivia')).toEqual([]);
  });

  it('lets a lead it was routed to before resolve, but not acknowledge or escalate', () => {
    const moved: Blocker = {
      ...open,
      ownerIds: ['tess'],
      owners: [...open.owners, { ownerIds: ['tess'], from: '2026-12-05T09:00:00.000Z' }],
    };
    expect(blockerActionsFor(moved, 'pete')).toEqual(['resolve']);
  });

  it('offers nothing on a resolved blocker, and no second escalation', () => {
    expect(blockerActionsFor({ ...open, status: 'resolved' }, 'pete')).toEqual([]);
    expect(
      blockerActionsFor(
        { ...open, awaitingAcknowledgement: false, escalatedTo: { kind: 'tribe', id: 'p' } },
        'pete',
      ),
    ).toEqual(['resolve']);
    expect(blockerActionsFor({ ...open, unit: { kind: 'tribe', id: 'p' } }, 'sam')).toEqual([
      'resolve',
    ]);
  });
});

const renderBlockers = (personId: string) =>
  renderWithConsole(
    <ObjectiveBlockers
      objectiveId={objectiveId}
      owner={{ kind: 'squad', id: squadId }}
      keyResults={objective.keyResults as never}
      personId={personId}
    />,
  );

describe("an objective's blockers", () => {
  it('shows the buttons only to those who may use them', async () => {
    stubApi({ [`/api/checkins/objectives/${objectiveId}/blockers`]: [blocker] });
    renderBlockers('olivia');
    expect(await screen.findByRole('heading', { name: 'Need the payments API' })).toBeVisible();
    expect(screen.getByText('the data team')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resolve' })).not.toBeInTheDocument();
  });

  it('lets its lead resolve it with a note', async () => {
    const { calls } = stubApi({
      [`/api/checkins/objectives/${objectiveId}/blockers`]: [blocker],
      [`POST /api/checkins/blockers/${blockerId}/resolve`]: { id: blockerId, revision: 2 },
    });
    renderBlockers('pete');
    const card = (await screen.findByRole('heading', { name: 'Need the payments API' }))
      .parentElement as HTMLElement;
    expect(within(card).getByRole('button', { name: 'Acknowledge' })).toBeVisible();
    await userEvent.click(within(card).getByRole('button', { name: 'Resolve' }));
    await userEvent.type(within(card).getByLabelText('How it was resolved'), 'API access granted');
    await userEvent.click(within(card).getByRole('button', { name: 'Resolve the blocker' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
        note: 'API access granted',
      }),
    );
  });

  it('raises a blocker on a key result that waits on the owning unit', async () => {
    const { calls } = stubApi({
      [`/api/checkins/objectives/${objectiveId}/blockers`]: [],
      'POST /api/checkins/blockers': { id: 'b', revision: 0 },
    });
    renderBlockers('sam');
    expect(await screen.findByText('No blockers.')).toBeInTheDocument();
    await userEvent.click(screen.getByText('Raise a blocker'));
    await userEvent.selectOptions(screen.getByLabelText('Blocks'), 'Conversion to 60%');
    await userEvent.type(screen.getByLabelText('What is in the way'), 'No test devices');
    await userEvent.click(screen.getByRole('button', { name: 'Raise the blocker' }));
    expect(await screen.findByText('Blocker raised.')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      blockerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      target: { kind: 'key-result', objectiveId, keyResultId: objective.keyResults[0].keyResultId },
      description: 'No test devices',
      waitsOn: { kind: 'unit', unitKind: 'squad', unitId: squadId },
    });
  });
});
