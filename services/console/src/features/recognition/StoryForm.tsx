import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { ErrorMessage } from '../../ui';
import { fieldError, goalOf, type StorySubject, type StoryText, type Unit } from './api';
import { NamePicker } from './NamePicker';
import type { OrgDirectory } from './org-directory';

/** What the service allows in a story (services/recognition, input-rules.ts). */
const storyLimits = { title: 200, part: 4000 } as const;

export interface StoryDraft extends StoryText {
  readonly about?: StorySubject;
}

type Problems = Partial<Record<'about' | 'title' | 'whatWasDone' | 'whatWasLearned', string>>;

/**
 * A success story's text: what was done, what was learned, who helped (people and units), and,
 * for a new story, the achieved objective or key result it tells of.
 */
export function StoryForm({
  directory,
  initial,
  subjects,
  error,
  pending,
  submitLabel,
  onSubmit,
}: {
  readonly directory: OrgDirectory;
  readonly initial?: StoryDraft;
  /** For a new story: the achieved goals to choose from (`kind:objectiveId[:keyResultId]`). */
  readonly subjects?: readonly { readonly value: string; readonly label: string }[];
  readonly error: unknown;
  readonly pending: boolean;
  readonly submitLabel: string;
  readonly onSubmit: (story: StoryDraft) => void;
}) {
  const { t } = useTranslation('recognition');
  const id = useId();
  const [about, setAbout] = useState(
    initial?.about
      ? [initial.about.kind, initial.about.objectiveId, initial.about.keyResultId]
          .filter(Boolean)
          .join(':')
      : '',
  );
  const [title, setTitle] = useState(initial?.title ?? '');
  const [whatWasDone, setWhatWasDone] = useState(initial?.whatWasDone ?? '');
  const [whatWasLearned, setWhatWasLearned] = useState(initial?.whatWasLearned ?? '');
  const [personIds, setPersonIds] = useState<string[]>([...(initial?.helpedBy.personIds ?? [])]);
  const [unitKeys, setUnitKeys] = useState<string[]>(
    (initial?.helpedBy.units ?? []).map((unit) => `${unit.kind}:${unit.id}`),
  );
  const [problems, setProblems] = useState<Problems>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {};
    const subject = goalOf(about);
    if (subjects && !subject) found.about = t('storyForm.problems.about');
    if (title.trim() === '') found.title = t('storyForm.problems.required');
    else if (title.length > storyLimits.title)
      found.title = t('storyForm.problems.tooLong', { max: storyLimits.title });
    if (whatWasDone.trim() === '') found.whatWasDone = t('storyForm.problems.required');
    else if (whatWasDone.length > storyLimits.part)
      found.whatWasDone = t('storyForm.problems.tooLong', { max: storyLimits.part });
    if (whatWasLearned.length > storyLimits.part)
      found.whatWasLearned = t('storyForm.problems.tooLong', { max: storyLimits.part });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const units = unitKeys
      .map((key) => directory.unit(key))
      .flatMap((unit): Unit[] => (unit ? [{ kind: unit.kind, id: unit.id }] : []));
    onSubmit({
      ...(subject ? { about: subject } : {}),
      title: title.trim(),
      whatWasDone: whatWasDone.trim(),
      whatWasLearned: whatWasLearned.trim(),
      helpedBy: { personIds, units },
    });
  };

  const problem = (field: keyof Problems) => problems[field] ?? fieldError(error, field);
  const text = (
    field: 'title' | 'whatWasDone' | 'whatWasLearned',
    value: string,
    set: (value: string) => void,
    rows: number,
  ) => {
    const shown = problem(field);
    const control = {
      id: `${id}-${field}`,
      value,
      onChange: (event: { target: { value: string } }) => set(event.target.value),
      'aria-invalid': shown ? true : undefined,
      'aria-describedby': shown ? `${id}-${field}-problem` : undefined,
    };
    return (
      <div className="field">
        <label htmlFor={control.id}>{t(`storyForm.${field}`)}</label>
        {rows === 1 ? <input type="text" {...control} /> : <textarea rows={rows} {...control} />}
        {shown && (
          <span id={`${id}-${field}-problem`} className="field-error">
            {shown}
          </span>
        )}
      </div>
    );
  };

  const aboutProblem = problem('about');
  return (
    <form className="story-form card" onSubmit={submit} noValidate>
      {subjects && (
        <div className="field">
          <label htmlFor={`${id}-about`}>{t('storyForm.about')}</label>
          <select
            id={`${id}-about`}
            value={about}
            onChange={(event) => setAbout(event.target.value)}
            aria-invalid={aboutProblem ? true : undefined}
            aria-describedby={aboutProblem ? `${id}-about-problem` : undefined}
          >
            <option value="">{t('storyForm.chooseAbout')}</option>
            {subjects.map((subject) => (
              <option key={subject.value} value={subject.value}>
                {subject.label}
              </option>
            ))}
          </select>
          {subjects.length === 0 && (
            <span className="field__hint">{t('storyForm.noneAchieved')}</span>
          )}
          {aboutProblem && (
            <span id={`${id}-about-problem`} className="field-error">
              {aboutProblem}
            </span>
          )}
        </div>
      )}
      {text('title', title, setTitle, 1)}
      {text('whatWasDone', whatWasDone, setWhatWasDone, 5)}
      {text('whatWasLearned', whatWasLearned, setWhatWasLearned, 4)}
      <NamePicker
        legend={t('storyForm.helpers')}
        searchLabel={t('kudosForm.findPerson')}
        choices={directory.people.map((person) => ({ id: person.personId, name: person.name }))}
        chosen={personIds}
        onChange={setPersonIds}
        problem={fieldError(error, 'helpedBy.personIds')}
      />
      <NamePicker
        legend={t('storyForm.helperUnits')}
        searchLabel={t('storyForm.findUnit')}
        choices={directory.units.map((unit) => ({
          id: `${unit.kind}:${unit.id}`,
          name: t('unitLabel', { kind: t(`common:units.${unit.kind}`), name: unit.name }),
        }))}
        chosen={unitKeys}
        onChange={setUnitKeys}
        problem={fieldError(error, 'helpedBy.units')}
      />
      <button type="submit" className="primary" disabled={pending}>
        {pending ? t('common:state.saving') : submitLabel}
      </button>
      {error instanceof ApiError && error.status === 400 ? (
        <p role="alert" className="field-error">
          {t('common:errors.invalid')}
        </p>
      ) : error instanceof ApiError && error.status === 409 && fieldError(error, 'about') ? null : (
        error !== null && error !== undefined && <ErrorMessage error={error} />
      )}
    </form>
  );
}
