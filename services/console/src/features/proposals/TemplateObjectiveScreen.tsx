import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { Field, PageHeader, QueryState } from '../../ui';
import {
  targetFrom,
  useLibraryLanguage,
  useTemplates,
  type ObjectiveTemplate,
} from '../learning/api';
import {
  ObjectiveSetUpFailed,
  useSetUpObjective,
  type ObjectiveKind,
  type Visibility,
} from './api';
import { currentCycle, useCycles } from '../../goals/cycles';
import { CycleSelect } from './CycleSelect';
import { ObjectiveOwnerSelect, ownerOfKey } from './ObjectiveOwnerSelect';
import { ObjectiveSelect } from './ObjectiveSelect';
import { ObjectiveSetUpError } from './ObjectiveSetUpError';
import { unitKey, unitsLedBy, useOrgDirectory, type OrgDirectory } from '../../org/org-directory';
import './proposals.css';

/** One template key result as the team fills it in: keep it or not, its baseline, its owner. */
interface KeptKeyResult {
  readonly keep: boolean;
  readonly baseline: string;
  readonly owner: string;
}

/**
 * An objective from the library (`?template=<id>`): the team keeps the key results that fit, gives
 * each its baseline (the target follows from the template's rule) and owner.
 */
export function TemplateObjectiveScreen() {
  const { t } = useTranslation('proposals');
  const [search, setSearch] = useSearchParams();
  const templates = useTemplates();
  // The form's defaults (owner, unit) start from who is signed in: it opens once they are known.
  const session = useSession().data;
  const directory = useOrgDirectory();
  const templateId = search.get('template') ?? '';
  const template = templates.data?.find((candidate) => candidate.templateId === templateId);
  return (
    <>
      <PageHeader title={t('template.title')} />
      <p>
        <Link to="/proposals">{t('backToProposals')}</Link>
        {' · '}
        <Link to="/learning">{t('template.browse')}</Link>
      </p>
      <QueryState query={templates}>
        {(all) => (
          <label className="field">
            <span>{t('template.choose')}</span>
            <select
              value={templateId}
              onChange={(event) => setSearch({ template: event.target.value })}
            >
              <option value="">{t('template.none')}</option>
              {all.map((candidate) => (
                <option key={candidate.templateId} value={candidate.templateId}>
                  {candidate.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </QueryState>
      {template && directory.data && session && (
        <TemplateForm key={template.templateId} template={template} org={directory.data} />
      )}
    </>
  );
}

function TemplateForm({
  template,
  org,
}: {
  readonly template: ObjectiveTemplate;
  readonly org: OrgDirectory;
}) {
  const { t } = useTranslation('proposals');
  const format = useFormat();
  const navigate = useNavigate();
  const language = useLibraryLanguage();
  const session = useSession().data;
  const me = session?.personId ?? '';
  const cycles = useCycles();
  const ledUnits = unitsLedBy(session, org);
  const [cycleChoice, setCycleId] = useState('');
  const [owner, setOwner] = useState(() => {
    const first = ledUnits.find((unit) => unit.kind !== 'company');
    return first ? unitKey(first) : `person:${me}`;
  });
  const [kind, setKind] = useState<ObjectiveKind>(template.suggestedKind);
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [kept, setKept] = useState<KeptKeyResult[]>(() =>
    template.keyResults.map(() => ({ keep: true, baseline: '', owner: me })),
  );
  const [parentUnit, setParentUnit] = useState(unitKey(org.units[0]));
  const [parentObjectiveId, setParentObjectiveId] = useState('');
  const [activate, setActivate] = useState(true);
  const setUp = useSetUpObjective();
  const cycleId = cycleChoice || currentCycle(cycles.data)?.cycleId || '';

  const failure = setUp.error;
  const formError =
    failure instanceof ObjectiveSetUpFailed && failure.step === 'define'
      ? failure.cause
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosenOwner = ownerOfKey(owner);
    if (!chosenOwner) return;
    setUp.mutate(
      {
        fromTemplate: {
          templateId: template.templateId,
          language,
          cycleId,
          owner: chosenOwner,
          kind,
          visibility,
          keyResults: template.keyResults
            .map((keyResult, position) => ({ keyResult, choice: kept[position] }))
            .filter(({ choice }) => choice.keep)
            .map(({ keyResult, choice }) => ({
              index: keyResult.index,
              baseline: choice.baseline.trim() === '' ? Number.NaN : Number(choice.baseline),
              owner: choice.owner,
            })),
        },
        ...(parentObjectiveId ? { parentObjectiveId } : {}),
        activate,
      },
      { onSuccess: ({ objectiveId }) => void navigate(`/objectives/${objectiveId}`) },
    );
  };
  const change = (position: number, next: Partial<KeptKeyResult>) =>
    setKept((all) => all.map((old, at) => (at === position ? { ...old, ...next } : old)));

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="template-heading">
      <h2 id="template-heading">{template.title}</h2>
      <p>{template.description}</p>
      <p className="guidance">{template.guidance}</p>
      <CycleSelect
        cycles={cycles.data ?? []}
        value={cycleId}
        onChange={setCycleId}
        error={formError}
      />
      <ObjectiveOwnerSelect
        units={ledUnits}
        me={me}
        value={owner}
        onChange={setOwner}
        error={formError}
      />
      <div className="draft-fields__row">
        <Field label={t('objective.kind')} field="kind" error={formError}>
          {(control) => (
            <select
              {...control}
              value={kind}
              onChange={(event) => setKind(event.target.value as ObjectiveKind)}
            >
              <option value="committed">{t('kinds.committed')}</option>
              <option value="aspirational">{t('kinds.aspirational')}</option>
            </select>
          )}
        </Field>
        <Field label={t('objective.visibility')} field="visibility" error={formError}>
          {(control) => (
            <select
              {...control}
              value={visibility}
              onChange={(event) => setVisibility(event.target.value as Visibility)}
            >
              <option value="public">{t('visibilities.public')}</option>
              <option value="private">{t('visibilities.private')}</option>
            </select>
          )}
        </Field>
      </div>
      <h3>{t('keyResultsHeading')}</h3>
      {template.keyResults.map((keyResult, position) => {
        const choice = kept[position];
        const baseline = Number(choice.baseline);
        const target =
          choice.baseline.trim() !== '' && Number.isFinite(baseline)
            ? targetFrom(keyResult, baseline)
            : undefined;
        const sent = kept.slice(0, position).filter((other) => other.keep).length;
        return (
          <fieldset key={keyResult.index} className="draft-fields">
            <legend>{keyResult.title}</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={choice.keep}
                onChange={(event) => change(position, { keep: event.target.checked })}
              />
              <span>{t('template.keep', { title: keyResult.title })}</span>
            </label>
            {choice.keep && (
              <div className="draft-fields__row">
                <Field
                  label={t('template.baseline', { title: keyResult.title })}
                  field={`keyResults.${sent}.baseline`}
                  error={formError}
                  hint={
                    target === undefined
                      ? t(`template.rule.${keyResult.target.kind}`, {
                          amount: 'amount' in keyResult.target ? keyResult.target.amount : 0,
                          percent: 'percent' in keyResult.target ? keyResult.target.percent : 0,
                          target: 'target' in keyResult.target ? keyResult.target.target : 0,
                          unit: keyResult.metric.unit,
                          direction: t(`template.changed.${keyResult.metric.direction}`),
                        })
                      : t('template.targetWillBe', {
                          target: format.number(target, 2),
                          unit: keyResult.metric.unit,
                        })
                  }
                >
                  {(control) => (
                    <input
                      {...control}
                      type="number"
                      step="any"
                      inputMode="decimal"
                      value={choice.baseline}
                      onChange={(event) => change(position, { baseline: event.target.value })}
                    />
                  )}
                </Field>
                <Field
                  label={t('template.owner', { title: keyResult.title })}
                  field={`keyResults.${sent}.owner`}
                  error={formError}
                >
                  {(control) => (
                    <select
                      {...control}
                      value={choice.owner}
                      onChange={(event) => change(position, { owner: event.target.value })}
                    >
                      {org.people.map((person) => (
                        <option key={person.personId} value={person.personId}>
                          {person.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
            )}
          </fieldset>
        );
      })}
      <fieldset>
        <legend>{t('define.alignment')}</legend>
        <ObjectiveSelect
          unitLabel={t('define.parentUnit')}
          objectiveLabel={t('define.parentObjective')}
          units={org.units}
          unit={parentUnit}
          onUnitChange={setParentUnit}
          cycleId={cycleId}
          value={parentObjectiveId}
          onChange={setParentObjectiveId}
          field="parentObjectiveId"
          optional={t('define.noParent')}
        />
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={activate}
          onChange={(event) => setActivate(event.target.checked)}
        />
        <span>{t('define.activate')}</span>
      </label>
      <button type="submit" className="primary" disabled={setUp.isPending}>
        {t('template.submit')}
      </button>
      {setUp.isError && <ObjectiveSetUpError error={setUp.error} />}
    </form>
  );
}
