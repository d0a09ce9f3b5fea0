import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/http';

// The goals service's library (GET /templates, /templates/:id, /training), in the chosen language.

export type TemplateCategory = 'customers' | 'delivery' | 'quality' | 'growth' | 'people' | 'craft';

/** How a template key result's target follows from the team's own baseline. */
export type TargetRule =
  | { readonly kind: 'by'; readonly amount: number }
  | { readonly kind: 'by-percent'; readonly percent: number }
  | { readonly kind: 'to'; readonly target: number };

export interface TemplateKeyResult {
  readonly index: number;
  readonly title: string;
  readonly metric: {
    readonly type: 'number' | 'percentage' | 'currency' | 'milestone';
    readonly unit: string;
    readonly direction: 'increase' | 'decrease';
  };
  readonly target: TargetRule;
  readonly weight: number;
}

export interface ObjectiveTemplate {
  readonly templateId: string;
  readonly category: TemplateCategory;
  readonly language: 'en' | 'nl';
  readonly title: string;
  readonly description: string;
  readonly suggestedKind: 'committed' | 'aspirational';
  readonly keyResults: readonly TemplateKeyResult[];
  readonly guidance: string;
}

export interface TrainingModule {
  readonly moduleId: string;
  readonly title: string;
  readonly body: string;
}

/** The language the library answers in: the console's. */
export function useLibraryLanguage(): 'en' | 'nl' {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'nl' ? 'nl' : 'en';
}

export function useTemplates() {
  const language = useLibraryLanguage();
  return useQuery({
    queryKey: ['goals', 'templates', language],
    queryFn: ({ signal }) =>
      request<ObjectiveTemplate[]>('goals', '/templates', {
        signal,
        headers: { 'Accept-Language': language },
      }),
    staleTime: Infinity,
  });
}

export function useTemplate(templateId: string | undefined) {
  const language = useLibraryLanguage();
  return useQuery({
    queryKey: ['goals', 'template', templateId, language],
    enabled: Boolean(templateId),
    queryFn: ({ signal }) =>
      request<ObjectiveTemplate>('goals', `/templates/${encodeURIComponent(templateId ?? '')}`, {
        signal,
        headers: { 'Accept-Language': language },
      }),
    staleTime: Infinity,
  });
}

export function useTraining() {
  const language = useLibraryLanguage();
  return useQuery({
    queryKey: ['goals', 'training', language],
    queryFn: ({ signal }) =>
      request<TrainingModule[]>('goals', '/training', {
        signal,
        headers: { 'Accept-Language': language },
      }),
    staleTime: Infinity,
  });
}

/** The target a template key result gives from a baseline (what the goals service computes). */
export function targetFrom(keyResult: TemplateKeyResult, baseline: number): number {
  const sign = keyResult.metric.direction === 'decrease' ? -1 : 1;
  const twoDecimals = (value: number) => Math.round(value * 100) / 100;
  switch (keyResult.target.kind) {
    case 'by':
      return twoDecimals(baseline + sign * keyResult.target.amount);
    case 'by-percent':
      return twoDecimals(baseline * (1 + (sign * keyResult.target.percent) / 100));
    case 'to':
      return keyResult.target.target;
  }
}
