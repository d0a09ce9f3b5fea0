import { Slider } from 'radix-ui';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { earliestChangeAfter, latestChangeAtOrBefore } from './api';
import { type Cycle } from '../../goals/cycles';

const day = 86_400_000;
/** The slider settles this long after the last move before the tree is asked for. */
export const settleMs = 300;
/** How far the browser's clock may lag the service's when asking for the changes up to now. */
const clockSkewMs = 60_000;
/** A moment this close to now is "now": the live tree, and never a date the service finds future. */
const nowMargin = 60_000;

/** The cycle's days up to today, as UTC midnights. */
export function daysOf(cycle: Cycle, now: Date): number[] {
  const start = Date.parse(`${cycle.startsOn}T00:00:00Z`);
  const end = Math.min(Date.parse(`${cycle.endsOn}T00:00:00Z`), now.getTime());
  const days: number[] = [];
  for (let moment = start; moment <= end; moment += day) days.push(moment);
  return days.length > 0 ? days : [start];
}

/** The moment a day of the slider shows: the end of that day, or now (undefined) for today. */
export function asOfForDay(dayStart: number, now: Date): string | undefined {
  const endOfDay = dayStart + day - 1;
  return endOfDay >= now.getTime() - nowMargin ? undefined : new Date(endOfDay).toISOString();
}

/**
 * The tree's moment: a slider over the cycle's days (the request waits until the thumb settles),
 * and steps to the moment just before the previous change and to the next change, so the tree can
 * be seen just before the latest check-in even when it happened minutes ago.
 */
export function TimeSlider({
  cycle,
  asOf,
  now,
  onChange,
}: {
  readonly cycle: Cycle;
  /** The moment shown; undefined for now. */
  readonly asOf: string | undefined;
  readonly now: Date;
  readonly onChange: (asOf: string | undefined) => void;
}) {
  const { t } = useTranslation('okr-tree');
  const format = useFormat();
  const days = useMemo(() => daysOf(cycle, now), [cycle, now]);
  const shownIndex = indexOfMoment(days, asOf === undefined ? now.getTime() : Date.parse(asOf));
  const [dragged, setDragged] = useState<number | undefined>(undefined);
  const index = dragged ?? shownIndex;

  useEffect(() => {
    if (dragged === undefined) return;
    const timer = setTimeout(() => {
      setDragged(undefined);
      const chosen = asOfForDay(days[dragged], now);
      if (chosen !== asOf) onChange(chosen);
    }, settleMs);
    return () => clearTimeout(timer);
  }, [dragged, days, now, asOf, onChange]);

  const [stepping, setStepping] = useState(false);
  const [note, setNote] = useState<string | undefined>(undefined);
  // "Now" for a step is when the button is pressed, so a change made since the page opened
  // counts; a minute ahead covers a browser clock behind the service's (the diff takes a future end).
  const step = async (direction: 'previous' | 'next') => {
    setStepping(true);
    setNote(undefined);
    try {
      const current = Date.now() + clockSkewMs;
      const shown = asOf === undefined ? current : Date.parse(asOf);
      if (direction === 'previous') {
        const latest = await latestChangeAtOrBefore(cycle, shown);
        if (latest === undefined) setNote(t('slider.noEarlierChange'));
        else onChange(new Date(latest - 1).toISOString());
      } else {
        const next = await earliestChangeAfter(cycle, shown, current);
        onChange(next === undefined ? undefined : new Date(next).toISOString());
      }
    } catch {
      setNote(t('slider.stepFailed'));
    } finally {
      setStepping(false);
    }
  };
  const dayLabel = format.date(new Date(days[index]));
  const label =
    dragged !== undefined ? dayLabel : asOf === undefined ? t('slider.now') : format.dateTime(asOf);

  return (
    <section className="time-slider" aria-labelledby="time-slider-heading">
      <h2 id="time-slider-heading">{t('slider.heading')}</h2>
      <p role="status" className="time-slider__shown">
        {t('slider.showing', { moment: label })}
      </p>
      <Slider.Root
        className="time-slider__root"
        min={0}
        max={days.length - 1}
        step={1}
        value={[index]}
        onValueChange={([value]) => setDragged(value)}
      >
        <Slider.Track className="time-slider__track">
          <Slider.Range className="time-slider__range" />
        </Slider.Track>
        <Slider.Thumb
          className="time-slider__thumb"
          aria-label={t('slider.label')}
          aria-valuetext={dayLabel}
        />
      </Slider.Root>
      <div className="time-slider__scale" aria-hidden="true">
        <span>{format.date(new Date(days[0]))}</span>
        <span>{format.date(new Date(days[days.length - 1]))}</span>
      </div>
      <div className="time-slider__steps">
        <button type="button" disabled={stepping} onClick={() => void step('previous')}>
          {t('slider.previousChange')}
        </button>
        <button
          type="button"
          disabled={stepping || asOf === undefined}
          onClick={() => void step('next')}
        >
          {t('slider.nextChange')}
        </button>
        <button type="button" disabled={asOf === undefined} onClick={() => onChange(undefined)}>
          {t('slider.toNow')}
        </button>
      </div>
      <p role="status" className="time-slider__note">
        {note}
      </p>
    </section>
  );
}

function indexOfMoment(days: readonly number[], moment: number): number {
  let index = 0;
  while (index + 1 < days.length && days[index + 1] <= moment) index += 1;
  return index;
}
