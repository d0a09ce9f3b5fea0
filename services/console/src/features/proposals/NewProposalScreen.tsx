import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorMessage, PageHeader, QueryState } from '../../ui';
import { useObjective, useProposeKeyResult, useProposeObjective } from './api';
import { currentCycle, useCycles } from '../../goals/cycles';
import { CycleSelect } from './CycleSelect';
import {
  emptyKeyResultForm,
  KeyResultDraftFields,
  keyResultDraftOf,
  type KeyResultForm,
} from './KeyResultDraftFields';
import { KeyResultList } from './KeyResultList';
import {
  emptyObjectiveForm,
  ObjectiveDraftFields,
  type ObjectiveForm,
} from './ObjectiveDraftFields';
import { ObjectiveSelect } from './ObjectiveSelect';
import { unitKey, unitOfKey, useOrgDirectory } from '../../org/org-directory';
import { UnitSelect } from './UnitSelect';
import './proposals.css';

type Subject = 'objective' | 'key-result';

/**
 * Anyone proposes an objective (with up to five key results) for a unit, or a key result for one
 * of a unit's objectives; the unit's lead then approves or returns it.
 * `?kind=key-result&objectiveId=…` starts with that objective chosen.
 */
export function NewProposalScreen() {
  const { t } = useTranslation('proposals');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const session = useSession().data;
  const me = session?.personId ?? '';
  const directory = useOrgDirectory();
  const cycles = useCycles();
  const [subject, setSubject] = useState<Subject>(
    search.get('kind') === 'key-result' || search.get('objectiveId') ? 'key-result' : 'objective',
  );
  const [cycleChoice, setCycleId] = useState('');
  const [unitChoice, setUnit] = useState(search.get('unit') ?? '');
  const [objectiveId, setObjectiveId] = useState(search.get('objectiveId') ?? '');
  const [objective, setObjective] = useState<ObjectiveForm>(emptyObjectiveForm);
  const [keyResults, setKeyResults] = useState<KeyResultForm[]>([]);
  const [keyResult, setKeyResult] = useState<KeyResultForm>(() => emptyKeyResultForm(me));
  const proposeObjective = useProposeObjective();
  const proposeKeyResult = useProposeKeyResult();
  const chosen = useObjective(search.get('objectiveId') ?? undefined);

  // Until chosen: the objective named in the address, else the active cycle and the company.
  const chosenOwner = chosen.data?.owner;
  const cycleId = cycleChoice || chosen.data?.cycleId || currentCycle(cycles.data)?.cycleId || '';
  const unit =
    unitChoice ||
    (chosenOwner && chosenOwner.kind !== 'person'
      ? unitKey({ kind: chosenOwner.kind, id: chosenOwner.id })
      : '') ||
    (directory.data ? unitKey(directory.data.units[0]) : '');

  const error = subject === 'objective' ? proposeObjective.error : proposeKeyResult.error;
  const pending = proposeObjective.isPending || proposeKeyResult.isPending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const opened = ({ id }: { id: string }) => void navigate(`/proposals/${id}`);
    if (subject === 'objective') {
      const target = unitOfKey(unit);
      if (!target) return;
      proposeObjective.mutate(
        {
          cycleId,
          unit: target,
          draft: { ...objective, keyResults: keyResults.map((form) => keyResultDraftOf(form, me)) },
        },
        { onSuccess: opened },
      );
    } else {
      proposeKeyResult.mutate(
        { objectiveId, draft: keyResultDraftOf(keyResult, me) },
        { onSuccess: opened },
      );
    }
  };

  return (
    <>
      <PageHeader title={t('new.title')} />
      <p>
        <Link to="/proposals">{t('backToProposals')}</Link>
      </p>
      <QueryState query={directory}>
        {(org) => (
          <form className="card" onSubmit={submit} noValidate>
            <fieldset>
              <legend>{t('new.what')}</legend>
              <label className="checkbox">
                <input
                  type="radio"
                  name="subject"
                  value="objective"
                  checked={subject === 'objective'}
                  onChange={() => setSubject('objective')}
                />
                <span>{t('subjects.objective')}</span>
              </label>
              <label className="checkbox">
                <input
                  type="radio"
                  name="subject"
                  value="key-result"
                  checked={subject === 'key-result'}
                  onChange={() => setSubject('key-result')}
                />
                <span>{t('subjects.key-result')}</span>
              </label>
            </fieldset>
            <CycleSelect
              cycles={cycles.data ?? []}
              value={cycleId}
              onChange={(next) => {
                setCycleId(next);
                setObjectiveId('');
              }}
              error={error}
            />
            {subject === 'objective' ? (
              <>
                <UnitSelect
                  label={t('new.unit')}
                  units={org.units}
                  value={unit}
                  onChange={setUnit}
                  field="unit.id"
                  error={error}
                />
                <ObjectiveDraftFields
                  value={objective}
                  onChange={setObjective}
                  error={error}
                  field="draft"
                />
                <KeyResultList
                  value={keyResults}
                  onChange={setKeyResults}
                  people={org.people}
                  error={error}
                  field="draft.keyResults"
                  min={0}
                />
              </>
            ) : (
              <>
                <ObjectiveSelect
                  unitLabel={t('new.objectiveUnit')}
                  objectiveLabel={t('new.objective')}
                  units={org.units}
                  unit={unit}
                  onUnitChange={setUnit}
                  cycleId={cycleId}
                  value={objectiveId}
                  onChange={setObjectiveId}
                  field="objectiveId"
                  error={error}
                />
                <KeyResultDraftFields
                  value={keyResult}
                  onChange={setKeyResult}
                  people={org.people}
                  error={error}
                  field="draft"
                  legend={t('new.keyResult')}
                />
              </>
            )}
            <button type="submit" className="primary" disabled={pending}>
              {subject === 'objective' ? t('new.proposeObjective') : t('new.proposeKeyResult')}
            </button>
            {error && <ErrorMessage error={error} />}
          </form>
        )}
      </QueryState>
    </>
  );
}
