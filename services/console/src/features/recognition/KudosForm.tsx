import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { useFormat } from '../../i18n/format';
import { ErrorMessage } from '../../ui';
import {
  fieldError,
  kudosLimits,
  nextKudosAllowedAt,
  useGiveKudos,
  useMyObjectives,
  goalOf,
  useRecognitionSettings,
} from './api';
import type { OrgDirectory } from './org-directory';
import { NamePicker } from './NamePicker';

type Problems = Partial<Record<'to' | 'message' | 'values', string>>;

const newKudosId = (): string | undefined => globalThis.crypto?.randomUUID?.();

/**
 * Give kudos: to people and/or a unit, a message, the organisation's values, maybe an objective
 * or key result, public or private. Checked here first (so a mistake is told at once), then by
 * the service, whose 400 lands next to the fields and whose 409 says when the next kudos can be
 * given.
 */
export function KudosForm({
  directory,
  myPersonId,
  initialPersonIds = [],
  initialUnitKey = '',
}: {
  readonly directory: OrgDirectory;
  readonly myPersonId: string;
  readonly initialPersonIds?: readonly string[];
  /** `kind:id` of a unit to thank. */
  readonly initialUnitKey?: string;
}) {
  const { t } = useTranslation('recognition');
  const format = useFormat();
  const id = useId();
  const settings = useRecognitionSettings();
  const objectives = useMyObjectives();
  const give = useGiveKudos();
  const [personIds, setPersonIds] = useState<string[]>(
    initialPersonIds.filter((personId) => personId !== myPersonId),
  );
  const [unitKey, setUnitKey] = useState(initialUnitKey);
  const [message, setMessage] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [about, setAbout] = useState('');
  const [audience, setAudience] = useState<'public' | 'private'>('public');
  const [problems, setProblems] = useState<Problems>({});
  const [kudosId, setKudosId] = useState(newKudosId);
  const [given, setGiven] = useState<string>();

  const others = directory.people
    .filter((person) => person.personId !== myPersonId)
    .map((person) => ({ id: person.personId, name: person.name }));
  const unit = unitKey ? directory.unit(unitKey) : undefined;

  const check = (): Problems => {
    const found: Problems = {};
    if (personIds.length === 0 && !unit) found.to = t('kudosForm.problems.nobody');
    else if (personIds.length > kudosLimits.people)
      found.to = t('kudosForm.problems.tooManyPeople', { max: kudosLimits.people });
    if (message.trim() === '') found.message = t('kudosForm.problems.messageMissing');
    else if (message.length > kudosLimits.message)
      found.message = t('kudosForm.problems.messageTooLong', { max: kudosLimits.message });
    if (values.length > kudosLimits.values)
      found.values = t('kudosForm.problems.tooManyValues', { max: kudosLimits.values });
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGiven(undefined);
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const subject = goalOf(about);
    give.mutate(
      {
        ...(kudosId ? { kudosId } : {}),
        to: { personIds, ...(unit ? { unit: { kind: unit.kind, id: unit.id } } : {}) },
        message: message.trim(),
        ...(values.length > 0 ? { values } : {}),
        ...(subject ? { about: subject } : {}),
        audience,
      },
      {
        onSuccess: () => {
          const names = [
            ...personIds.map((personId) => directory.personName(personId) ?? ''),
            ...(unit ? [unit.name] : []),
          ].filter(Boolean);
          setGiven(
            t('kudosForm.given', { names: new Intl.ListFormat(format.locale).format(names) }),
          );
          setPersonIds([]);
          setUnitKey('');
          setMessage('');
          setValues([]);
          setAbout('');
          setAudience('public');
          setKudosId(newKudosId());
        },
      },
    );
  };

  const serverProblem = (field: string) => fieldError(give.error, field);
  const toProblem = problems.to ?? serverProblem('to');
  const messageProblem = problems.message ?? serverProblem('message');
  const valuesProblem = problems.values ?? serverProblem('values');
  const aboutProblem = serverProblem('about');
  const nextAt = nextKudosAllowedAt(give.error);
  const overLimit =
    give.error instanceof ApiError &&
    give.error.status === 409 &&
    serverProblem('kudos') !== undefined;
  const invalid = give.error instanceof ApiError && give.error.status === 400;

  return (
    <form className="kudos-form card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('kudosForm.title')}</h2>
      <NamePicker
        legend={t('kudosForm.people')}
        searchLabel={t('kudosForm.findPerson')}
        choices={others}
        chosen={personIds}
        onChange={setPersonIds}
        problem={toProblem}
      />
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t('kudosForm.unit')}</label>
        <select
          id={`${id}-unit`}
          value={unitKey}
          onChange={(event) => setUnitKey(event.target.value)}
        >
          <option value="">{t('kudosForm.noUnit')}</option>
          {directory.units.map((choice) => (
            <option key={`${choice.kind}:${choice.id}`} value={`${choice.kind}:${choice.id}`}>
              {t('unitLabel', { kind: t(`common:units.${choice.kind}`), name: choice.name })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-message`}>{t('kudosForm.message')}</label>
        <textarea
          id={`${id}-message`}
          rows={4}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          aria-invalid={messageProblem ? true : undefined}
          aria-describedby={`${id}-message-count${messageProblem ? ` ${id}-message-problem` : ''}`}
        />
        <span
          id={`${id}-message-count`}
          className={message.length > kudosLimits.message ? 'field-error' : 'field__hint'}
        >
          {t('kudosForm.characters', { count: message.length, max: kudosLimits.message })}
        </span>
        {messageProblem && (
          <span id={`${id}-message-problem`} className="field-error">
            {messageProblem}
          </span>
        )}
      </div>
      {settings.data && settings.data.values.length > 0 && (
        <fieldset aria-describedby={valuesProblem ? `${id}-values-problem` : undefined}>
          <legend>{t('kudosForm.values')}</legend>
          <ul className="choice-list">
            {settings.data.values.map((value) => (
              <li key={value}>
                <label>
                  <input
                    type="checkbox"
                    checked={values.includes(value)}
                    onChange={(event) =>
                      setValues(
                        event.target.checked
                          ? [...values, value]
                          : values.filter((chosen) => chosen !== value),
                      )
                    }
                  />{' '}
                  {value}
                </label>
              </li>
            ))}
          </ul>
          {valuesProblem && (
            <p id={`${id}-values-problem`} className="field-error">
              {valuesProblem}
            </p>
          )}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-about`}>{t('kudosForm.about')}</label>
        <select id={`${id}-about`} value={about} onChange={(event) => setAbout(event.target.value)}>
          <option value="">{t('kudosForm.aboutNothing')}</option>
          {(objectives.data ?? []).map((objective) => (
            <optgroup key={objective.objectiveId} label={objective.title}>
              <option value={`objective:${objective.objectiveId}`}>
                {t('kudosForm.aboutObjective', { title: objective.title })}
              </option>
              {objective.keyResults.map((keyResult) => (
                <option
                  key={keyResult.keyResultId}
                  value={`key-result:${objective.objectiveId}:${keyResult.keyResultId}`}
                >
                  {t('kudosForm.aboutKeyResult', { title: keyResult.title })}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {aboutProblem && <span className="field-error">{aboutProblem}</span>}
      </div>
      <fieldset>
        <legend>{t('kudosForm.audience')}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-audience`}
            checked={audience === 'public'}
            onChange={() => setAudience('public')}
          />{' '}
          {t('kudosForm.public')}
        </label>{' '}
        <label>
          <input
            type="radio"
            name={`${id}-audience`}
            checked={audience === 'private'}
            onChange={() => setAudience('private')}
          />{' '}
          {t('kudosForm.private')}
        </label>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={give.isPending}>
          {give.isPending ? t('common:state.saving') : t('kudosForm.give')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {given && <p className="success">{given}</p>}
      </div>
      {overLimit && (
        <p role="alert" className="error">
          {nextAt
            ? t('kudosForm.limitReached', { time: format.dateTime(nextAt) })
            : t('kudosForm.limitReachedLater')}
        </p>
      )}
      {invalid && (
        <p role="alert" className="field-error">
          {t('common:errors.invalid')}
        </p>
      )}
      {give.isError && !overLimit && !invalid && <ErrorMessage error={give.error} />}
    </form>
  );
}
