import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

type ProfileNode = Readonly<{
  id: number;
  callFrame: Readonly<{ functionName: string; url: string; lineNumber: number }>;
  hitCount?: number;
  children?: readonly number[];
}>;

type Profile = Readonly<{
  nodes: readonly ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: readonly number[];
}>;

/** Where a frame's code lives, short: `libs/projections/src/read-model-writer.ts` or the package. */
const placeOf = (url: string): string => {
  if (url === '') return '(native)';
  const file = url.replace(/^file:\/\//, '');
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inPackage) return inPackage[1];
  if (file.startsWith('node:')) return file;
  return path.relative(process.cwd(), file);
};

/**
 * Self time of a CPU profile, summed by where the code lives (a package, a file of ours, the
 * garbage collector, idle): what a phase's time went to, in a few lines.
 */
export const selfTimeByPlace = (profile: Profile): [string, number][] => {
  const sampleMs = (profile.endTime - profile.startTime) / 1000 / (profile.samples?.length || 1);
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url } = node.callFrame;
    const place = ['(garbage collector)', '(idle)', '(program)'].includes(functionName)
      ? functionName
      : placeOf(url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + (node.hitCount ?? 0) * sampleMs);
  }
  return [...byPlace.entries()].sort((a, b) => b[1] - a[1]);
};

/**
 * With BENCH_CPU_PROFILE=<folder>, the V8 CPU profile of `work` (this process: the service and
 * the clients) is written to `<folder>/<name>.cpuprofile` (open it in Chrome DevTools) and its
 * self time by place printed; without it, `work` runs as it is. The profiler costs a few per cent.
 */
export const profiled = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const folder = process.env.BENCH_CPU_PROFILE;
  if (!folder) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    session.disconnect();
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const total = (profile.endTime - profile.startTime) / 1000;
    const lines = selfTimeByPlace(profile)
      .slice(0, 15)
      .map(([place, ms]) => `  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${place}`);
    console.log(
      `CPU profile of ${name} (${(total / 1000).toFixed(1)} s): ${file}\n${lines.join('\n')}`,
    );
  }
};
