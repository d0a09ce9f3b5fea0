import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { KeyResult } from '../my-week/api';
import { PersonName } from '../my-week/PersonName';
import type { AuditChange, HistoryEntry } from './api';
import { ObjectiveLink } from './ObjectiveLink';

/**
 * A value of the audit trail as words: texts and numbers as they are, an owner by kind and id, a
 * metric as start → target and unit. Anything else the goals service may add later is shown as
 * its JSON rather than hidden.
 */
export function auditValueText(
  value: unknown,
  number: (value: number) => string,
  unitWord: (kind: string) => string,
): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return number(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (
      typeof record.kind === 'string' &&
      Object.keys(record).every((key) => ['kind', 'id'].includes(key))
    )
      return typeof record.id === 'string'
        ? `${unitWord(record.kind)} ${record.id}`
        : unitWord(record.kind);
    if ('start' in record && 'target' in record && typeof record.type === 'string') {
      const unit = typeof record.unit === 'string' && record.unit ? ` ${record.unit}` : '';
      return `${number(Number(record.start))} → ${number(Number(record.target))}${unit}`;
    }
  }
  return JSON.stringify(value);
}

/** Every change to the objective and its key results, newest first: who, when, why, before → after. */
export function AuditHistory({
  entries,
  keyResults,
  owner,
}: {
  readonly entries: readonly HistoryEntry[];
  readonly keyResults: readonly KeyResult[];
  /** The objective's owner now, whose name the organisation gives. */
  readonly owner?: { readonly kind: string; readonly id?: string; readonly name: string };
}) {
  const { t } = useTranslation('objective');
  const format = useFormat();
  if (entries.length === 0) return <p>{t('history.none')}</p>;
  const keyResultTitle = (keyResultId: string | null) =>
    keyResults.find((keyResult) => keyResult.keyResultId === keyResultId)?.title;
  const newestFirst = [...entries].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <ol className="audit-history">
      {newestFirst.map((entry) => {
        const about = keyResultTitle(entry.keyResultId);
        return (
          <li key={entry.eventId} className="audit-history__entry">
            <p className="audit-history__what">
              <strong>
                {t(`history.events.${entry.eventType}`, { defaultValue: entry.eventType })}
              </strong>
              {about ? ` — ${about}` : ''}
            </p>
            <p className="audit-history__who">
              <PersonName personId={entry.actor} /> ·{' '}
              <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>
            </p>
            {entry.reason && (
              <p className="audit-history__why">{t('history.reason', { reason: entry.reason })}</p>
            )}
            {entry.changes.length > 0 && (
              <table className="audit-history__changes">
                <caption className="visually-hidden">{t('history.changesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('history.field')}</th>
                    <th scope="col">{t('history.before')}</th>
                    <th scope="col">{t('history.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entry.changes.map((change) => (
                    <ChangeRow key={change.field} change={change} owner={owner} />
                  ))}
                </tbody>
              </table>
            )}
          </li>
        );
      })}
    </ol>
  );
}

const personFields = new Set(['owner', 'contributor']);

/** Fields whose values are words of the domain, translated as the facts are. */
const wordFields: Readonly<Record<string, string>> = {
  kind: 'facts.kinds',
  visibility: 'facts.visibilities',
  status: 'facts.statuses',
};

function ChangeRow({
  change,
  owner,
}: {
  readonly change: AuditChange;
  readonly owner?: { readonly kind: string; readonly id?: string; readonly name: string };
}) {
  const { t } = useTranslation('objective');
  const format = useFormat();
  const text = (value: unknown) =>
    auditValueText(
      value,
      (number) => format.number(number, 2),
      (kind) => t(`common:units.${kind}`, { defaultValue: kind }),
    );
  // People are named, not shown by id: a key result's owner, a contributor, a person owning an
  // objective.
  const shown = (value: unknown) => {
    if (typeof value === 'string' && personFields.has(change.field))
      return <PersonName personId={value} />;
    if (typeof value === 'string' && change.field === 'parent')
      return <ObjectiveLink objectiveId={value} />;
    if (typeof value === 'string' && wordFields[change.field])
      return t(`${wordFields[change.field]}.${value}`, { defaultValue: value });
    const unit = value as { kind?: unknown; id?: unknown } | null;
    if (
      owner &&
      change.field === 'owner' &&
      typeof unit === 'object' &&
      unit !== null &&
      unit.kind === owner.kind &&
      unit.id === owner.id &&
      owner.kind !== 'person'
    )
      return t('facts.ownerUnit', { unit: t(`common:units.${owner.kind}`), name: owner.name });
    if (
      typeof value === 'object' &&
      value !== null &&
      (value as { kind?: unknown }).kind === 'person' &&
      typeof (value as { id?: unknown }).id === 'string'
    )
      return <PersonName personId={(value as { id: string }).id} />;
    return text(value);
  };
  return (
    <tr>
      <th scope="row">{t(`history.fields.${change.field}`, { defaultValue: change.field })}</th>
      <td>{shown(change.before)}</td>
      <td>{shown(change.after)}</td>
    </tr>
  );
}
