import type { EventStore } from '@rhythm/event-sourcing';
import { ProjectionCheckpoints, TenantId } from '@rhythm/projections';
import { ReadModelSandbox } from '@rhythm/projections/testing';
import { appendAsWritten, uniqueName } from '@rhythm/testing';
import { goalsStreams } from '@rhythm/goals-domain';
import type { Connection } from 'mongoose';
import { goalsProjections } from '../../read-models/goals-projections';
import { GoalsReadModels } from '../../read-models/goals-read-models';
import { objectiveCardsProjection } from '../../read-models/objective-cards.projection';
import { actors, cycleId, ids, playAcmeQuarter } from '../../read-models/testing/acme-quarter';
import { GoalsScenario } from '../../read-models/testing/goals-scenario';
import { CurrentCycleCards } from './current-cycle-cards';

jest.setTimeout(120_000);

/**
 * The tree's and the lists' objectives as of now: the cards read once, then the store's later
 * events folded forward. Each must be exactly the domain's fold of its stream (review notes and
 * retrospective aside), whether the cards were behind the store, ahead of the position they were
 * read at, or caught up.
 */
describe('the current cards of a cycle, on FerretDB and the PostgreSQL event store', () => {
  const tenantId = uniqueName('acme');
  const tenant = TenantId.of(tenantId);
  let sandbox: ReadModelSandbox;
  let store: EventStore;
  let connection: Connection;
  let scenario: GoalsScenario;

  /** What folding each of these objectives' streams gives, as a card shows it. */
  const folded = async (objectiveIds: readonly string[]) =>
    Promise.all(
      objectiveIds.map(async (objectiveId) => {
        const state = await scenario.objectiveState(objectiveId);
        if (state.status === 'none') throw new Error(`${objectiveId} was never defined`);
        const {
          reviewNotes: _notes,
          retrospective: _retrospective,
          fromProposalId: _proposal,
          fromTemplateId: _template,
          ...shown
        } = state;
        return { ...shown, reviewNotes: [] };
      }),
    );

  /** The cycle's objectives in the order the cards repository lists them. */
  const listed = async () =>
    (await new GoalsReadModels(connection).cards.ofCycles(tenant, [cycleId])).map(
      (card) => card.objectiveId,
    );

  beforeAll(async () => {
    sandbox = await ReadModelSandbox.open('goals_cards');
    ({ store, connection } = sandbox);
    scenario = new GoalsScenario(store, tenantId);
    await playAcmeQuarter(scenario, tenantId);
    await sandbox.runToHead(goalsProjections);
  });

  afterAll(() => sandbox?.dispose());

  it('shows what the cards show when they are ahead of their position, folding nothing twice', async () => {
    // As if the cards had been flushed after the checkpoint was read: the events after the squad
    // objective's definition (its key results, their progress) are in them already.
    const defined = (await sandbox.allEvents()).find(
      (event) =>
        event.type === 'ObjectiveDefined' &&
        (event.data as { objectiveId: string }).objectiveId === ids.squad,
    )!;
    await connection
      .db!.collection(ProjectionCheckpoints.collectionName)
      .updateOne(
        { _id: objectiveCardsProjection.name as never },
        { $set: { position: defined.globalPosition.toString() } },
      );
    const cards = new CurrentCycleCards(new GoalsReadModels(connection), store);

    const objectives = await cards.objectives(tenant, [cycleId]);

    expect(objectives.map((objective) => objective.objectiveId).sort()).toEqual(
      Object.values(ids).sort(),
    );
    expect(objectives).toEqual(await folded(await listed()));
  });

  it('folds forward what the store holds beyond the cards, new objectives of the cycle included', async () => {
    const cards = new CurrentCycleCards(new GoalsReadModels(connection), store);
    await cards.objectives(tenant, [cycleId]);
    const { ann, bob } = actors;
    const before = await listed();
    // None of this reaches the cards: the projections do not run again.
    await scenario.progress(bob, '2026-03-01T09:00:00Z', ids.squad, 'conversion', 71);
    await scenario.setObjective(ann, '2026-03-02T09:00:00Z', {
      objectiveId: 'later-one',
      cycleId,
      title: 'Later one',
      owner: { kind: 'squad', id: 'checkout' },
      keyResults: [
        {
          keyResultId: 'k',
          title: 'Tickets',
          metric: { type: 'number', unit: 'tickets', start: 0, target: 10, direction: 'increase' },
          owner: 'bob',
          weight: 1,
        },
      ],
    });
    await scenario.align(ann, '2026-03-02T10:00:00Z', 'later-one', ids.tribe);

    const objectives = await cards.objectives(tenant, [cycleId]);

    // Defined last, listed last.
    expect(objectives.map((objective) => objective.objectiveId)).toEqual([...before, 'later-one']);
    expect(objectives).toEqual(await folded([...before, 'later-one']));
    expect(objectives.find((objective) => objective.objectiveId === ids.squad)).toMatchObject({
      keyResults: expect.arrayContaining([
        expect.objectContaining({ keyResultId: 'conversion', current: 71 }),
      ]) as unknown,
    });
    // Another organisation's cycle of the same id holds nothing of this one's.
    expect(await cards.objectives(TenantId.of(uniqueName('globex')), [cycleId])).toEqual([]);
  });

  it('leaves out an event it cannot fold, with its stream after it, and folds every other objective', async () => {
    const cards = new CurrentCycleCards(new GoalsReadModels(connection), store);
    await cards.objectives(tenant, [cycleId]);
    const { bob } = actors;
    const before = await cards.objectives(tenant, [cycleId]);
    const squadBefore = before.find((objective) => objective.objectiveId === ids.squad);
    // A progress without its value, as no command writes it; then later events of both.
    await appendAsWritten(store, tenantId, goalsStreams.objective(tenantId, ids.squad), {
      type: 'KeyResultProgressed',
      data: { objectiveId: ids.squad, keyResultId: 'conversion' },
    });
    await appendAsWritten(store, tenantId, goalsStreams.objective(tenantId, ids.squad), {
      type: 'KeyResultProgressed',
      data: { objectiveId: ids.squad, keyResultId: 'conversion', value: { before: 71, after: 80 } },
    });
    await scenario.progress(bob, '2026-03-03T10:00:00Z', 'later-one', 'k', 4);

    const objectives = await cards.objectives(tenant, [cycleId]);

    expect(objectives.find((objective) => objective.objectiveId === ids.squad)).toEqual(
      squadBefore,
    );
    expect(objectives.find((objective) => objective.objectiveId === 'later-one')).toMatchObject({
      keyResults: [expect.objectContaining({ keyResultId: 'k', current: 4 })],
    });
  });
});
