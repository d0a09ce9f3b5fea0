import type { KeyResultDraft, ObjectiveDraft, Owner, ScoringRule } from '../../goals-domain';
import type { KeyResultDraftDto, ObjectiveDraftDto, OwnerDto, ScoringRuleDto } from './shared.dto';

/** Request bodies into the domain's shapes, with the defaults the API documents. */
export const ownerOf = (dto: OwnerDto): Owner => ({ kind: dto.kind, id: dto.id ?? '' });

export const keyResultDraftOf = (dto: KeyResultDraftDto): KeyResultDraft => ({
  title: dto.title,
  metric: {
    type: dto.metric.type,
    unit: dto.metric.unit ?? '',
    start: dto.metric.start,
    target: dto.metric.target,
    direction: dto.metric.direction,
  },
  owner: dto.owner,
  weight: dto.weight ?? 1,
});

export const objectiveDraftOf = (dto: ObjectiveDraftDto): ObjectiveDraft => ({
  title: dto.title,
  description: dto.description ?? '',
  kind: dto.kind,
  visibility: dto.visibility ?? 'public',
  keyResults: (dto.keyResults ?? []).map(keyResultDraftOf),
});

export const scoringRuleOf = (dto: ScoringRuleDto): ScoringRule =>
  dto.kind === 'linear'
    ? { kind: 'linear' }
    : {
        kind: 'zones',
        zones: (dto.zones ?? []).map(({ name, from, score }) => ({ name, from, score })),
      };
