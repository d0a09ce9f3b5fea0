import type { Direction, MetricType } from '../objective/metric';
import type { ObjectiveKind } from '../objective/objective-draft';
import type { LocalisedText } from './localised-text';

/**
 * How a template key result's target follows from the team's own baseline:
 * - `by`: an absolute step in the metric's unit (raise NPS by 10 points);
 * - `by-percent`: a relative step (cut response time by 20%);
 * - `to`: a fixed target (availability 99.9%, a milestone done).
 * The direction says which way the step goes.
 */
export type TargetRule =
  | Readonly<{ kind: 'by'; amount: number }>
  | Readonly<{ kind: 'by-percent'; percent: number }>
  | Readonly<{ kind: 'to'; target: number }>;

export type KeyResultTemplate = Readonly<{
  title: LocalisedText;
  metric: Readonly<{ type: MetricType; unit: string; direction: Direction }>;
  target: TargetRule;
  weight: number;
}>;

export const templateCategories = [
  'customers',
  'delivery',
  'quality',
  'growth',
  'people',
  'craft',
] as const;
export type TemplateCategory = (typeof templateCategories)[number];

export type ObjectiveTemplate = Readonly<{
  templateId: string;
  category: TemplateCategory;
  title: LocalisedText;
  description: LocalisedText;
  suggestedKind: ObjectiveKind;
  keyResults: readonly KeyResultTemplate[];
  /** A short tip for using it well: the training material next to the example. */
  guidance: LocalisedText;
}>;

export type TrainingModule = Readonly<{
  moduleId: string;
  title: LocalisedText;
  body: LocalisedText;
}>;
