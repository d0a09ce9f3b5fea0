import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isAdmin, useSession } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { PageHeader } from '../../ui';
import { useOrgDirectory } from '../recognition/org-directory';
import { type InsightsPeriod } from './api';
import { currentCycle, useCycles, type Cycle } from '../../goals/cycles';
import { BlockerTimes } from './BlockerTimes';
import { CheckInStreaks } from './CheckInStreaks';
import { ConfidenceCalibration } from './ConfidenceCalibration';
import { InsightsPeriodForm, type InsightsChoice } from './InsightsPeriodForm';
import { RecognitionFlow } from './RecognitionFlow';
import './insights.css';

/** Today in the browser's calendar, as a date input writes it. */
export const localDay = (at: Date): string =>
  `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;

/**
 * The moment a day's figures are read at: the end of that day in the browser's time zone, or
 * now for today (the services refuse a moment in the future).
 */
export const asOfDay = (day: string, today: string): string | undefined => {
  if (day >= today) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date, 23, 59, 59).toISOString();
};

/** A day as a date input writes it (YYYY-MM-DD), and a real one: a hand-edited address may not be. */
const isDay = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));

const defaultWeeks = 12;

const currentCycleId = (cycles: readonly Cycle[]): string => currentCycle(cycles)?.cycleId ?? '';

/**
 * Insights (`insights?asOf=YYYY-MM-DD&unit=kind:id&cycle=…&weeks=…`): check-in streaks and
 * cadence health, blocker times, confidence calibration and the recognition flow between units,
 * all as of the day chosen. The choice lives in the address, so a view can be shared.
 */
export function InsightsScreen() {
  const { t } = useTranslation('insights');
  const format = useFormat();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const today = localDay(new Date());
  const asked = search.get('asOf') ?? '';
  const day = isDay(asked) ? asked : today;
  const asOf = asOfDay(day, today);
  const org = useOrgDirectory(asOf);
  const cycles = useCycles();
  const me = session.data?.personId ?? '';

  const myUnit = org.directory?.units.find(
    (unit) => unit.kind === 'squad' && unit.memberIds.includes(me),
  );
  const choice: InsightsChoice = {
    day,
    unitKey: search.get('unit') ?? (myUnit ? `${myUnit.kind}:${myUnit.id}` : ''),
    personId: search.get('person') || me,
    cycleId: search.get('cycle') ?? currentCycleId(cycles.data ?? []),
    weeks: Number(search.get('weeks') ?? defaultWeeks) || defaultWeeks,
  };
  const choose = (next: InsightsChoice) =>
    setSearch(
      {
        asOf: next.day,
        unit: next.unitKey,
        ...(next.personId !== me && next.unitKey === choice.unitKey
          ? { person: next.personId }
          : {}),
        cycle: next.cycleId,
        weeks: String(next.weeks),
      },
      { replace: true },
    );
  const period: InsightsPeriod = {
    asOf,
    weeks: choice.weeks,
    cycleId: choice.cycleId || undefined,
  };
  const unit = choice.unitKey ? org.directory?.unit(choice.unitKey) : undefined;
  // The default cycle and unit come from the cycles and the organisation: the panels wait for
  // them rather than ask for all time and no unit first.
  // A lead (or an admin) may read the figures of the unit's members; others only their own.
  const mayReadMembers = isAdmin(session.data) || (unit?.leadIds.includes(me) ?? false);
  const people = [
    { personId: me, name: '' },
    ...(mayReadMembers && unit
      ? unit.memberIds
          .filter((memberId) => memberId !== me)
          .map((memberId) => ({
            personId: memberId,
            name: org.directory?.personName(memberId) ?? '',
          }))
          .filter((person) => person.name !== '')
          .sort((a, b) => a.name.localeCompare(b.name))
      : []),
  ];
  const personLabel =
    choice.personId === me
      ? t('calibration.mine')
      : (org.directory?.personName(choice.personId) ?? t('someone'));
  const settled = (search.has('cycle') || !cycles.isPending) && !org.isPending;

  return (
    <div className="insights">
      <PageHeader title={t('title')} />
      <InsightsPeriodForm
        choice={choice}
        today={today}
        units={org.directory?.units ?? []}
        people={people}
        cycles={cycles.data ?? []}
        onChange={choose}
      />
      <p role="status" className="muted">
        {asOf ? t('period.showingAsOf', { day: format.date(asOf) }) : t('period.showingNow')}
      </p>
      {settled ? (
        <div className="insights__grid">
          <CheckInStreaks
            personId={choice.personId}
            personLabel={personLabel}
            unit={unit}
            period={period}
          />
          <BlockerTimes unit={unit} period={period} />
          <ConfidenceCalibration
            personId={choice.personId}
            personLabel={personLabel}
            unit={unit}
            period={period}
          />
          <RecognitionFlow period={period} directory={org.directory} />
        </div>
      ) : (
        <p className="loading" role="status">
          {t('common:state.loading')}
        </p>
      )}
    </div>
  );
}
