import { ApiProperty } from '@nestjs/swagger';
import {
  directions,
  languages,
  metricTypes,
  objectiveKinds,
  templateCategories,
  type Direction,
  type Language,
  type MetricType,
  type ObjectiveKind,
  type ObjectiveTemplate,
  type TargetRule,
  type TemplateCategory,
  type TrainingModule,
} from '../../goals-domain';

// Union and alias types (TargetRule, Language) are spelled out: swagger would see `Object`.
const targetRule = (kind: TargetRule['kind'], field: string, description: string) => ({
  type: 'object',
  description,
  properties: { kind: { type: 'string', enum: [kind] }, [field]: { type: 'number' } },
  required: ['kind', field],
});

export class TemplateMetricResponse {
  @ApiProperty({ enum: metricTypes }) type!: MetricType;
  @ApiProperty({ example: 'points' }) unit!: string;
  @ApiProperty({ enum: directions }) direction!: Direction;
}

export class TemplateKeyResultResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Its index, for POST /objectives/from-template',
  })
  index!: number;
  @ApiProperty({ example: 'Raise NPS by 10 points' }) title!: string;
  @ApiProperty({ type: TemplateMetricResponse }) metric!: TemplateMetricResponse;
  @ApiProperty({
    oneOf: [
      targetRule('by', 'amount', 'Baseline plus (or, decreasing, minus) this amount'),
      targetRule('by-percent', 'percent', 'Baseline changed by this percentage'),
      targetRule('to', 'target', 'This value, whatever the baseline'),
    ],
    description:
      "How the target follows from the team's baseline: by an amount, by a percentage, or to a value",
    example: { kind: 'by', amount: 10 },
  })
  target!: TargetRule;
  @ApiProperty({ example: 2 }) weight!: number;
}

export class TemplateResponse {
  @ApiProperty({ example: 'improve-customer-satisfaction' }) templateId!: string;
  @ApiProperty({ enum: templateCategories }) category!: TemplateCategory;
  @ApiProperty({ enum: languages, example: 'en', description: 'The language it is written in' })
  language!: Language;
  @ApiProperty({ example: 'Improve customer satisfaction' }) title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: objectiveKinds }) suggestedKind!: ObjectiveKind;
  @ApiProperty({ type: [TemplateKeyResultResponse] }) keyResults!: TemplateKeyResultResponse[];
  @ApiProperty({ description: 'A short tip for using the template well' }) guidance!: string;
}

export class TrainingModuleResponse {
  @ApiProperty({ example: 'what-is-an-okr' }) moduleId!: string;
  @ApiProperty({ enum: languages, example: 'en', description: 'The language it is written in' })
  language!: Language;
  @ApiProperty({ example: 'What is an OKR?' }) title!: string;
  @ApiProperty() body!: string;
}

export const templateIn = (template: ObjectiveTemplate, language: Language): TemplateResponse => ({
  templateId: template.templateId,
  category: template.category,
  language,
  title: template.title[language],
  description: template.description[language],
  suggestedKind: template.suggestedKind,
  keyResults: template.keyResults.map((keyResult, index) => ({
    index,
    title: keyResult.title[language],
    metric: { ...keyResult.metric },
    target: keyResult.target,
    weight: keyResult.weight,
  })),
  guidance: template.guidance[language],
});

export const trainingIn = (module: TrainingModule, language: Language): TrainingModuleResponse => ({
  moduleId: module.moduleId,
  language,
  title: module.title[language],
  body: module.body[language],
});
