import { assertNever, NotFound, ValidationFailed } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import type { CycleStanding } from '../cycle/cycle.state';
import type { AddKeyResult } from '../objective/add-key-result.command';
import type { DefineObjective } from '../objective/define-objective.command';
import type { Direction } from '../objective/metric';
import type { ObjectiveKind, Visibility } from '../objective/objective-draft';
import type { Owner } from '../owner';
import type { Language } from './localised-text';
import type { ObjectiveTemplate, TargetRule } from './objective-template';
import { objectiveTemplates } from './templates.catalog';

/** What the team fills in when it starts from a template. */
export type TemplateChoice = Readonly<{
  templateId: string;
  language: Language;
  objectiveId: string;
  cycleId: string;
  owner: Owner;
  /** Defaults to the template's suggestion. */
  kind?: ObjectiveKind;
  visibility?: Visibility;
  /** The template's key results the team keeps, each with its own baseline and owner. */
  keyResults: readonly Readonly<{
    /** Position in the template's key results. */
    index: number;
    keyResultId: string;
    /** The team's current value: the key result's start. */
    baseline: number;
    owner: string;
  }>[];
}>;

export type TemplateContext = Readonly<{
  actor: Actor;
  cycle: CycleStanding;
  ownerExists: boolean;
  unknownPeople: readonly string[];
}>;

export const findTemplate = (templateId: string): ObjectiveTemplate => {
  const template = objectiveTemplates.find((t) => t.templateId === templateId);
  if (template === undefined) throw new NotFound(`Template ${templateId} not found`);
  return template;
};

/** Targets are kept to two decimals: 8 hours cut by 20% is 6.4 hours, not 6.3999…. */
const twoDecimals = (value: number): number => Math.round(value * 100) / 100;

export const targetFrom = (rule: TargetRule, direction: Direction, baseline: number): number => {
  const sign = direction === 'increase' ? 1 : -1;
  switch (rule.kind) {
    case 'by':
      return twoDecimals(baseline + sign * rule.amount);
    case 'by-percent':
      return twoDecimals(baseline * (1 + (sign * rule.percent) / 100));
    case 'to':
      return rule.target;
    default:
      return assertNever(rule);
  }
};

/**
 * Starting from a template produces the normal commands — define the objective, add its key
 * results — in the chosen language. The objective decider then checks them like any other; a
 * baseline that already meets a fixed target, for instance, is refused there.
 */
export const objectiveFromTemplate = (
  choice: TemplateChoice,
  context: TemplateContext,
): (DefineObjective | AddKeyResult)[] => {
  const template = findTemplate(choice.templateId);
  const unknown = choice.keyResults
    .map((keyResult, position) => ({ ...keyResult, position }))
    .filter(
      ({ index }) => !Number.isInteger(index) || index < 0 || index >= template.keyResults.length,
    );
  if (unknown.length > 0) {
    throw new ValidationFailed(
      `Template ${template.templateId} has ${template.keyResults.length} key results`,
      Object.fromEntries(
        unknown.map(({ position }) => [
          `keyResults.${position}.index`,
          'no such key result in the template',
        ]),
      ),
    );
  }
  const { language } = choice;
  const define: DefineObjective = {
    type: 'DefineObjective',
    actor: context.actor,
    data: {
      objectiveId: choice.objectiveId,
      cycleId: choice.cycleId,
      title: template.title[language],
      description: template.description[language],
      owner: choice.owner,
      kind: choice.kind ?? template.suggestedKind,
      visibility: choice.visibility ?? 'public',
      fromTemplateId: template.templateId,
    },
    facts: { cycle: context.cycle, ownerExists: context.ownerExists },
  };
  const addKeyResults = choice.keyResults.map((chosen): AddKeyResult => {
    const keyResult = template.keyResults[chosen.index];
    return {
      type: 'AddKeyResult',
      actor: context.actor,
      data: {
        objectiveId: choice.objectiveId,
        keyResultId: chosen.keyResultId,
        title: keyResult.title[language],
        metric: {
          ...keyResult.metric,
          start: chosen.baseline,
          target: targetFrom(keyResult.target, keyResult.metric.direction, chosen.baseline),
        },
        owner: chosen.owner,
        weight: keyResult.weight,
      },
      facts: { cycle: context.cycle, ownerExists: !context.unknownPeople.includes(chosen.owner) },
    };
  });
  return [define, ...addKeyResults];
};
