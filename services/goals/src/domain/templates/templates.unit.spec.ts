import { NotFound, ValidationFailed } from '@rhythm/event-sourcing';
import { metricProblems } from '../objective/metric';
import { maxKeyResults } from '../objective/objective-draft';
import { objectiveDecider } from '../objective/objective.decider';
import type { ObjectiveEvent } from '../objective/objective.events';
import type { ObjectiveState } from '../objective/objective.state';
import { ann } from '../testing/actors.fixtures';
import { cycleId } from '../testing/cycle.fixtures';
import { languages } from './localised-text';
import type { LocalisedText } from './localised-text';
import type { TemplateChoice, TemplateContext } from './objective-from-template';
import { objectiveFromTemplate, targetFrom } from './objective-from-template';
import type { TargetRule } from './objective-template';
import { objectiveTemplates } from './templates.catalog';
import { trainingModules } from './training.catalog';

const context: TemplateContext = {
  actor: ann,
  cycle: 'planning',
  ownerExists: true,
  unknownPeople: [],
};

const run = (commands: ReturnType<typeof objectiveFromTemplate>) => {
  let state: ObjectiveState = objectiveDecider.initialState();
  const events: ObjectiveEvent[] = [];
  for (const command of commands) {
    const decided = objectiveDecider.decide(command, state);
    state = decided.reduce(objectiveDecider.evolve, state);
    events.push(...decided);
  }
  return { state, events };
};

const texts = (value: unknown): LocalisedText[] =>
  typeof value !== 'object' || value === null
    ? []
    : 'en' in value && 'nl' in value
      ? [value as LocalisedText]
      : Object.values(value).flatMap(texts);

describe('Template catalog', () => {
  it('has unique template ids', () =>
    expect(new Set(objectiveTemplates.map((t) => t.templateId)).size).toBe(
      objectiveTemplates.length,
    ));

  it.each(objectiveTemplates.map((t) => [t.templateId, t] as const))(
    '%s ships every text in English and Dutch',
    (_, template) => {
      const all = texts(template);
      expect(all.length).toBeGreaterThanOrEqual(4);
      for (const text of all)
        for (const language of languages) expect(text[language].trim()).not.toBe('');
      // A Dutch text identical to the English one is most likely untranslated.
      for (const text of all) expect(text.nl).not.toBe(text.en);
    },
  );

  it.each(objectiveTemplates.map((t) => [t.templateId, t] as const))(
    '%s has 1 to 5 example key results',
    (_, template) => {
      expect(template.keyResults.length).toBeGreaterThanOrEqual(1);
      expect(template.keyResults.length).toBeLessThanOrEqual(maxKeyResults);
    },
  );

  it('includes the worked example: improve customer satisfaction by raising NPS by 10 points', () => {
    const template = objectiveTemplates.find(
      (t) => t.templateId === 'improve-customer-satisfaction',
    );
    expect(template?.keyResults.map((kr) => kr.title.en)).toEqual(
      expect.arrayContaining(['Raise NPS by 10 points', 'Cut support first-response time by 20%']),
    );
  });

  it('ships training material in both languages', () => {
    expect(trainingModules.length).toBeGreaterThanOrEqual(5);
    for (const module of trainingModules) {
      for (const text of [module.title, module.body]) {
        expect(text.en.trim()).not.toBe('');
        expect(text.nl.trim()).not.toBe('');
        expect(text.nl).not.toBe(text.en);
      }
    }
  });
});

describe('Targets from a baseline', () => {
  it.each<[TargetRule, 'increase' | 'decrease', number, number]>([
    [{ kind: 'by', amount: 10 }, 'increase', 31, 41],
    [{ kind: 'by', amount: 1 }, 'decrease', 4.5, 3.5],
    [{ kind: 'by-percent', percent: 20 }, 'decrease', 8, 6.4],
    [{ kind: 'by-percent', percent: 20 }, 'decrease', 7, 5.6],
    [{ kind: 'by-percent', percent: 15 }, 'increase', 120_000, 138_000],
    [{ kind: 'to', target: 99.9 }, 'increase', 99.5, 99.9],
  ])('%j %s from %d is %d', (rule, direction, baseline, expected) =>
    expect(targetFrom(rule, direction, baseline)).toBe(expected),
  );
});

describe('Create an objective from a template', () => {
  const choice: TemplateChoice = {
    templateId: 'improve-customer-satisfaction',
    language: 'nl',
    objectiveId: 'happy-customers',
    cycleId,
    owner: { kind: 'squad', id: 'checkout' },
    keyResults: [
      { index: 0, keyResultId: 'nps', baseline: 31, owner: 'bob' },
      { index: 1, keyResultId: 'first-response', baseline: 8, owner: 'eve' },
    ],
  };

  it('produces the normal commands, which create the objective in the chosen language', () => {
    const { state, events } = run(objectiveFromTemplate(choice, context));
    expect(events.map((event) => event.type)).toEqual([
      'ObjectiveDefined',
      'KeyResultAdded',
      'KeyResultAdded',
    ]);
    expect(state).toMatchObject({
      status: 'draft',
      title: 'Klanttevredenheid verbeteren',
      kind: 'committed',
      fromTemplateId: 'improve-customer-satisfaction',
      keyResults: [
        {
          keyResultId: 'nps',
          title: 'NPS met 10 punten verhogen',
          metric: { start: 31, target: 41, unit: 'points' },
          owner: 'bob',
          weight: 2,
        },
        {
          keyResultId: 'first-response',
          metric: { start: 8, target: 6.4, direction: 'decrease' },
          owner: 'eve',
          weight: 1,
        },
      ],
    });
  });

  it('lets the team choose kind and visibility', () => {
    const { state } = run(
      objectiveFromTemplate(
        { ...choice, language: 'en', kind: 'aspirational', visibility: 'private' },
        context,
      ),
    );
    expect(state).toMatchObject({
      title: 'Improve customer satisfaction',
      kind: 'aspirational',
      visibility: 'private',
    });
  });

  it.each(objectiveTemplates.map((t) => [t.templateId, t] as const))(
    '%s yields valid key results from a sensible baseline',
    (_, template) => {
      const commands = objectiveFromTemplate(
        {
          ...choice,
          templateId: template.templateId,
          keyResults: template.keyResults.map((kr, index) => ({
            index,
            keyResultId: `kr-${index}`,
            baseline:
              kr.metric.type === 'milestone'
                ? 0
                : kr.target.kind === 'to'
                  ? kr.target.target / 2
                  : 40,
            owner: 'bob',
          })),
        },
        context,
      );
      for (const command of commands) {
        if (command.type === 'AddKeyResult') {
          expect(
            Object.values(metricProblems(command.data.metric, 'metric')).filter(Boolean),
          ).toEqual([]);
        }
      }
      const { state } = run(commands);
      expect(state.status === 'none' ? [] : state.keyResults).toHaveLength(
        template.keyResults.length,
      );
    },
  );

  it('refuses a key result the template does not have', () =>
    expect(() =>
      objectiveFromTemplate(
        { ...choice, keyResults: [{ index: 7, keyResultId: 'x', baseline: 1, owner: 'bob' }] },
        context,
      ),
    ).toThrow(ValidationFailed));

  it('refuses an unknown template', () =>
    expect(() => objectiveFromTemplate({ ...choice, templateId: 'world-peace' }, context)).toThrow(
      NotFound,
    ));

  it('leaves the rules to the decider: a baseline already past a fixed target is refused', () => {
    const commands = objectiveFromTemplate(
      {
        ...choice,
        templateId: 'reliable-product',
        keyResults: [{ index: 1, keyResultId: 'availability', baseline: 99.95, owner: 'bob' }],
      },
      context,
    );
    expect(() => run(commands)).toThrow(ValidationFailed);
  });
});
