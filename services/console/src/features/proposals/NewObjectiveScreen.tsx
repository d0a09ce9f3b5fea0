import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../api/session';
import { PageHeader, QueryState } from '../../ui';
import { ObjectiveSetUpFailed, useSetUpObjective } from './api';
import { currentCycle, useCycles } from '../../goals/cycles';
import { CycleSelect } from './CycleSelect';
import { emptyKeyResultForm, keyResultDraftOf, type KeyResultForm } from './KeyResultDraftFields';
import { KeyResultList } from './KeyResultList';
import {
  emptyObjectiveForm,
  ObjectiveDraftFields,
  type ObjectiveForm,
} from './ObjectiveDraftFields';
import { ObjectiveOwnerSelect, ownerOfKey } from './ObjectiveOwnerSelect';
import { ObjectiveSelect } from './ObjectiveSelect';
import { ObjectiveSetUpError } from './ObjectiveSetUpError';
import { unitKey, unitsLedBy, useOrgDirectory } from '../../org/org-directory';
import './proposals.css';

/**
 * A lead sets their unit's objective directly (anyone their own): the draft, its key results,
 * the objective it contributes to, and activation, in one form.
 */
export function NewObjectiveScreen() {
  const { t } = useTranslation('proposals');
  const navigate = useNavigate();
  const session = useSession().data;
  const me = session?.personId ?? '';
  const directory = useOrgDirectory();
  const cycles = useCycles();
  const ledUnits = unitsLedBy(session, directory.data);
  const [cycleChoice, setCycleId] = useState('');
  const [ownerChoice, setOwner] = useState('');
  const [objective, setObjective] = useState<ObjectiveForm>(emptyObjectiveForm);
  const [keyResults, setKeyResults] = useState<KeyResultForm[]>(() => [emptyKeyResultForm(me)]);
  const [parentUnitChoice, setParentUnit] = useState('');
  const [parentObjectiveId, setParentObjectiveId] = useState('');
  const [activate, setActivate] = useState(true);
  const setUp = useSetUpObjective();

  // Until chosen: the active cycle, the first unit I lead (else myself), aligned to the company.
  const cycleId = cycleChoice || currentCycle(cycles.data)?.cycleId || '';
  const firstLed = ledUnits.find((unit) => unit.kind !== 'company');
  const owner = ownerChoice || (firstLed ? unitKey(firstLed) : `person:${me}`);
  const parentUnit = parentUnitChoice || (directory.data ? unitKey(directory.data.units[0]) : '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosenOwner = ownerOfKey(owner);
    if (!chosenOwner) return;
    setUp.mutate(
      {
        definition: {
          cycleId,
          owner: chosenOwner,
          ...objective,
          keyResults: keyResults.map((form) => keyResultDraftOf(form, me)),
        },
        ...(parentObjectiveId ? { parentObjectiveId } : {}),
        activate,
      },
      { onSuccess: ({ objectiveId }) => void navigate(`/objectives/${objectiveId}`) },
    );
  };
  // A key result refused names its own fields (title, metric.target): shown on that key result.
  const failure = setUp.error;
  const formError =
    failure instanceof ObjectiveSetUpFailed && failure.step === 'define'
      ? failure.cause
      : undefined;
  const keyResultError =
    failure instanceof ObjectiveSetUpFailed && failure.step === 'key-result'
      ? failure.cause
      : undefined;
  const alignError =
    failure instanceof ObjectiveSetUpFailed && failure.step === 'align' ? failure.cause : undefined;

  return (
    <>
      <PageHeader title={t('define.title')} />
      <p>
        <Link to="/proposals">{t('backToProposals')}</Link>
      </p>
      <p>{t('define.intro')}</p>
      <QueryState query={directory}>
        {(org) => (
          <form className="card" onSubmit={submit} noValidate>
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
            <ObjectiveDraftFields
              value={objective}
              onChange={setObjective}
              error={formError}
              field=""
            />
            <KeyResultList
              value={keyResults}
              onChange={setKeyResults}
              people={org.people}
              error={keyResultError}
              field="keyResults"
              min={1}
            />
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
                error={alignError}
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
              {t('define.submit')}
            </button>
            {setUp.isError && <ObjectiveSetUpError error={setUp.error} />}
          </form>
        )}
      </QueryState>
    </>
  );
}
