import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader, QueryState } from '../../ui';
import { goalOf, useDraftStory, useMyObjectives } from './api';
import { useOrgDirectory } from './org-directory';
import { StoryForm } from './StoryForm';
import './recognition.css';

const newStoryId = (): string | undefined => globalThis.crypto?.randomUUID?.();

interface SubjectChoice {
  readonly value: string;
  readonly label: string;
}

/** The achievement the address names stays choosable, even when it is not among my goals. */
const withPreset = (
  subjects: readonly SubjectChoice[],
  preset: SubjectChoice | undefined,
): SubjectChoice[] =>
  preset && !subjects.some((subject) => subject.value === preset.value)
    ? [...subjects, preset]
    : [...subjects];

/**
 * A new success story (`recognition/stories/new`, `?about=key-result:<objective>:<key result>`)
 * about one of my achieved objectives or key results; the unit's lead publishes it.
 */
export function NewStoryScreen() {
  const { t } = useTranslation('recognition');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const org = useOrgDirectory();
  const objectives = useMyObjectives();
  const draft = useDraftStory();
  const [storyId] = useState(newStoryId);
  const presetValue = search.get('about') ?? '';
  const preset = goalOf(presetValue);
  return (
    <div className="recognition">
      <PageHeader title={t('story.new')}>
        <Link to="/recognition">{t('wall.backToFeed')}</Link>
      </PageHeader>
      <QueryState query={objectives}>
        {(mine) =>
          org.directory && (
            <StoryForm
              directory={org.directory}
              subjects={withPreset(
                mine.flatMap((objective) => [
                  ...(objective.achieved
                    ? [
                        {
                          value: `objective:${objective.objectiveId}`,
                          label: t('kudosForm.aboutObjective', { title: objective.title }),
                        },
                      ]
                    : []),
                  ...objective.keyResults
                    .filter((keyResult) => keyResult.achieved)
                    .map((keyResult) => ({
                      value: `key-result:${objective.objectiveId}:${keyResult.keyResultId}`,
                      label: t('storyForm.keyResultOf', {
                        keyResult: keyResult.title,
                        objective: objective.title,
                      }),
                    })),
                ]),
                preset ? { value: presetValue, label: t('storyForm.celebrated') } : undefined,
              )}
              initial={
                preset
                  ? {
                      about: preset,
                      title: '',
                      whatWasDone: '',
                      helpedBy: { personIds: [], units: [] },
                    }
                  : undefined
              }
              error={draft.error}
              pending={draft.isPending}
              submitLabel={t('storyForm.saveDraft')}
              onSubmit={({ about, ...text }) =>
                about &&
                draft.mutate(
                  { ...(storyId ? { storyId } : {}), about, ...text },
                  {
                    onSuccess: (accepted) => void navigate(`/recognition/stories/${accepted.id}`),
                  },
                )
              }
            />
          )
        }
      </QueryState>
    </div>
  );
}
