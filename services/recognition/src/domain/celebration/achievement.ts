import { identifierProblem, type Problem } from '@rhythm/event-sourcing';

/**
 * What the goals and checkins topics announce that deserves a celebration, as the application
 * reads it from the source event and its directory (the cycle of a key result, for one).
 */
export type Achievement =
  | Readonly<{
      kind: 'key-result-achieved';
      cycleId: string;
      objectiveId: string;
      keyResultId: string;
      value: number;
      target: number;
    }>
  | Readonly<{ kind: 'objective-achieved'; cycleId: string; objectiveId: string }>
  /** The cycle closed and scored the objective (goals.objective-scored after goals.cycle-closed). */
  | Readonly<{
      kind: 'objective-scored';
      cycleId: string;
      objectiveId: string;
      score: number;
      success: boolean;
    }>
  | Readonly<{
      kind: 'blocker-resolved';
      objectiveId: string;
      blockerId: string;
      resolvedBy: string;
    }>
  /** A person's run of weekly check-ins reached one of the organisation's milestones. */
  | Readonly<{
      kind: 'streak-milestone';
      personId: string;
      weeks: number;
      streakStartedOn: string;
    }>;

export type AchievementKind = Achievement['kind'];

/**
 * The achievement's identity: what makes two deliveries the same achievement, and the stream a
 * celebration lives in (ADR 0042). From the meaning, not the message: a key result is achieved
 * once per cycle, so a key result that falls back and reaches its target again in the same
 * cycle meets its first celebration; an objective scored again (a cycle reopened and closed, a
 * re-score under another rule) is still celebrated once; a streak is celebrated once per
 * milestone per run (a run broken and started again may reach it again). Parts are ids (no `:`)
 * joined by `:`.
 */
export const achievementKey = (achievement: Achievement): string => {
  switch (achievement.kind) {
    case 'key-result-achieved':
      return `kr:${achievement.cycleId}:${achievement.keyResultId}`;
    case 'objective-achieved':
      return `objective:${achievement.cycleId}:${achievement.objectiveId}`;
    case 'objective-scored':
      return `scored:${achievement.cycleId}:${achievement.objectiveId}`;
    case 'blocker-resolved':
      return `blocker:${achievement.blockerId}`;
    case 'streak-milestone':
      return `streak:${achievement.personId}:${achievement.weeks}:${achievement.streakStartedOn}`;
  }
};

const dayProblem = (day: string): Problem =>
  typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day))
    ? undefined
    : 'must be a day (YYYY-MM-DD)';

const firstProblem = (...problems: Problem[]): Problem =>
  problems.find((problem) => problem !== undefined);

const numberProblem = (value: number): Problem =>
  typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a finite number';

export const achievementProblem = (achievement: Achievement): Problem => {
  switch (achievement?.kind) {
    case 'key-result-achieved':
      return firstProblem(
        identifierProblem(achievement.cycleId),
        identifierProblem(achievement.objectiveId),
        identifierProblem(achievement.keyResultId),
        numberProblem(achievement.value),
        numberProblem(achievement.target),
      );
    case 'objective-achieved':
      return firstProblem(
        identifierProblem(achievement.cycleId),
        identifierProblem(achievement.objectiveId),
      );
    case 'objective-scored':
      return firstProblem(
        identifierProblem(achievement.cycleId),
        identifierProblem(achievement.objectiveId),
        numberProblem(achievement.score),
      );
    case 'blocker-resolved':
      return firstProblem(
        identifierProblem(achievement.objectiveId),
        identifierProblem(achievement.blockerId),
        identifierProblem(achievement.resolvedBy),
      );
    case 'streak-milestone':
      return firstProblem(
        identifierProblem(achievement.personId),
        Number.isInteger(achievement.weeks) && achievement.weeks > 0
          ? undefined
          : 'weeks must be a whole number above 0',
        dayProblem(achievement.streakStartedOn),
      );
    default:
      return 'must be a key result or objective achieved, an objective scored, a blocker resolved or a streak milestone';
  }
};
