import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Who shares the machine's cores during a benchmark on the local stack. */
const groups = [
  'this process',
  'PostgreSQL for FerretDB',
  'PostgreSQL, the rest',
  'FerretDB',
  'Kafka',
  'other',
] as const;
type Group = (typeof groups)[number];

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100;

/** A PostgreSQL backend names its database in its title: "postgres: user database host state". */
const servesFerretDb = (pid: number): boolean => {
  const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  return /^postgres: \S+ ferretdb /.test(title);
};

const groupOf = (pid: number, command: string): Group => {
  if (pid === process.pid) return 'this process';
  if (command === 'postgres') {
    return servesFerretDb(pid) ? 'PostgreSQL for FerretDB' : 'PostgreSQL, the rest';
  }
  if (command.includes('ferretdb')) return 'FerretDB';
  if (command === 'java') return 'Kafka';
  return 'other';
};

/** CPU ticks (user + system) of every process now, by pid, with its group. */
const processTicks = (): Map<number, { group: Group; ticks: number }> => {
  const ticks = new Map<number, { group: Group; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (command) state ppid …": the command may hold spaces and parentheses.
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command.
      ticks.set(pid, {
        group: groupOf(pid, command),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // The process ended while it was read.
    }
  }
  return ticks;
};

/** Busy and total ticks of the whole machine (every core). */
const machineTicks = (): { busy: number; total: number } => {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
};

/** Where the machine's CPU went over a phase: cores busy in each group, and the machine's share. */
export type CpuSplit = Readonly<{
  seconds: number;
  /** Busy share of all the machine's cores, 0–1. */
  machineBusy: number;
  /** CPU seconds per wall second (1 = one core all the time), by group. */
  cores: Readonly<Record<Group, number>>;
}>;

/**
 * Measures `work` and the CPU every process of the machine used meanwhile, from /proc (Linux
 * only; elsewhere `split` is undefined). A process that ended during the phase is not counted.
 */
export const withCpuSplit = async <T>(
  work: () => Promise<T>,
): Promise<{ result: T; split: CpuSplit | undefined }> => {
  let before: ReturnType<typeof processTicks> | undefined;
  let machineBefore: ReturnType<typeof machineTicks> | undefined;
  try {
    before = processTicks();
    machineBefore = machineTicks();
  } catch {
    return { result: await work(), split: undefined };
  }
  const startedAt = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const after = processTicks();
  const machineAfter = machineTicks();
  const ticks = Object.fromEntries(groups.map((group) => [group, 0])) as Record<Group, number>;
  for (const [pid, { group, ticks: now }] of after) {
    ticks[group] += now - (before.get(pid)?.ticks ?? 0);
  }
  const cores = Object.fromEntries(
    groups.map((group) => [group, ticks[group] / ticksPerSecond / seconds]),
  ) as Record<Group, number>;
  const total = machineAfter.total - machineBefore.total;
  return {
    result,
    split: {
      seconds,
      machineBusy: total > 0 ? (machineAfter.busy - machineBefore.busy) / total : 0,
      cores,
    },
  };
};

/** The table's columns for a split, in `groups` order. */
export const cpuSplitColumns = [
  'machine busy',
  ...groups.map((group) => `${group} (cores)`),
] as const;

export const cpuSplitCells = (split: CpuSplit | undefined): string[] =>
  split === undefined
    ? cpuSplitColumns.map(() => 'n/a')
    : [
        `${(split.machineBusy * 100).toFixed(0)} % of ${os.cpus().length}`,
        ...groups.map((group) => split.cores[group].toFixed(2)),
      ];
