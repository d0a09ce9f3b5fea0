import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/http';

import type { Unit, UnitKind } from '../recognition/api';

// The figures behind Insights, each as of a moment: checkins' statistics (ADR 0040) and
// recognition's flow (ADR 0048). Keys start with the service and name what they are about.

export interface Calibration {
  readonly brierScore: number | null;
  readonly checkIns: number;
  readonly meanForecast: number | null;
  readonly achievedShare: number | null;
}

export interface PhasedCalibration extends Calibration {
  readonly byPhase: {
    readonly early: Calibration;
    readonly mid: Calibration;
    readonly late: Calibration;
  };
}

export interface CadenceHealth {
  readonly share: number | null;
  readonly met: number;
  readonly owed: number;
}

export interface Durations {
  readonly count: number;
  readonly pending: number;
  readonly p50Ms: number | null;
  readonly p90Ms: number | null;
}

export interface UnitStatistics {
  readonly unit: Unit;
  readonly asOf: string;
  readonly window: { readonly weeks: number; readonly from: string };
  readonly keyResults: number;
  readonly streak: number;
  readonly cadenceHealth: CadenceHealth;
  readonly overdue: {
    readonly announced: number;
    readonly toldLead: number;
    readonly toldNextLead: number;
  };
  readonly blockers: {
    readonly raised: number;
    readonly toAcknowledge: Durations;
    readonly toResolve: Durations;
  };
  readonly calibration: PhasedCalibration & { readonly cycleId: string | null };
}

export interface PersonStreak {
  readonly personId: string;
  readonly asOf: string;
  readonly keyResults: number;
  readonly streak: number;
  readonly cadenceHealth: CadenceHealth;
  readonly window: { readonly weeks: number; readonly from: string };
}

export interface PersonCalibration extends PhasedCalibration {
  readonly personId: string;
  readonly asOf: string;
  readonly cycleId: string | null;
  readonly byCycle: readonly (Calibration & { readonly cycleId: string })[];
}

export interface CycleCalibration extends PhasedCalibration {
  readonly cycleId: string;
  readonly asOf: string;
}

export interface FlowCell {
  readonly from: string;
  readonly to: string;
  readonly kudos: number;
}

export interface RecognitionFlow {
  readonly asOf: string;
  readonly from?: string;
  readonly kudos: number;
  readonly okrShare: number;
  readonly matrix: Readonly<Record<UnitKind, readonly FlowCell[]>>;
  readonly people: Readonly<Record<string, { given: number; received: number }>>;
  readonly units: Readonly<Record<string, { given: number; received: number }>>;
  readonly givesLittle: { readonly people: readonly string[]; readonly units: readonly string[] };
  readonly receivesLittle: {
    readonly people: readonly string[];
    readonly units: readonly string[];
  };
}

/** What every figure on the screen is read as of: a moment (absent: now) and a window. */
export interface InsightsPeriod {
  readonly asOf: string | undefined;
  readonly weeks: number;
  readonly cycleId: string | undefined;
}

export const usePersonStreak = (personId: string, period: InsightsPeriod) =>
  useQuery({
    queryKey: ['checkins', 'statistics', 'person', personId, 'streak', period.asOf, period.weeks],
    queryFn: ({ signal }) =>
      api.get<PersonStreak>(
        'checkins',
        `/statistics/people/${encodeURIComponent(personId)}/streak`,
        { asOf: period.asOf, weeks: period.weeks },
        signal,
      ),
    enabled: personId !== '',
  });

export const usePersonCalibration = (personId: string, period: InsightsPeriod) =>
  useQuery({
    queryKey: [
      'checkins',
      'statistics',
      'person',
      personId,
      'calibration',
      period.asOf,
      period.cycleId,
    ],
    queryFn: ({ signal }) =>
      api.get<PersonCalibration>(
        'checkins',
        `/statistics/people/${encodeURIComponent(personId)}/calibration`,
        { asOf: period.asOf, cycleId: period.cycleId },
        signal,
      ),
    enabled: personId !== '',
  });

export const useUnitStatistics = (unit: Unit | undefined, period: InsightsPeriod) =>
  useQuery({
    queryKey: [
      'checkins',
      'statistics',
      'unit',
      unit?.kind,
      unit?.id,
      period.asOf,
      period.weeks,
      period.cycleId,
    ],
    queryFn: ({ signal }) =>
      api.get<UnitStatistics>(
        'checkins',
        `/statistics/units/${unit!.kind}/${encodeURIComponent(unit!.id)}`,
        { asOf: period.asOf, weeks: period.weeks, cycleId: period.cycleId },
        signal,
      ),
    enabled: unit !== undefined,
  });

export const useCycleCalibration = (period: InsightsPeriod) =>
  useQuery({
    queryKey: ['checkins', 'statistics', 'cycle', period.cycleId, 'calibration', period.asOf],
    queryFn: ({ signal }) =>
      api.get<CycleCalibration>(
        'checkins',
        `/statistics/cycles/${encodeURIComponent(period.cycleId!)}/calibration`,
        { asOf: period.asOf },
        signal,
      ),
    enabled: period.cycleId !== undefined,
  });

/** Who recognises whom, as of the moment, over the cycle when one is chosen (else all time). */
export const useRecognitionFlow = (period: InsightsPeriod) =>
  useQuery({
    queryKey: ['recognition', 'flow', period.asOf, period.cycleId],
    queryFn: ({ signal }) =>
      api.get<RecognitionFlow>(
        'recognition',
        '/flow',
        { asOf: period.asOf, cycleId: period.cycleId },
        signal,
      ),
  });
