import { getEventListeners } from 'node:events';
import { ReadyBatches } from './ready-batches';

/** An iterator whose items arrive when the test pushes them, like a live subscription. */
const liveSource = <T>() => {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  async function* items(): AsyncGenerator<T> {
    for (;;) {
      while (queue.length > 0) yield queue.shift() as T;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  return {
    iterator: items(),
    push: (...values: T[]) => {
      queue.push(...values);
      wake?.();
    },
    end: () => {
      ended = true;
      wake?.();
    },
  };
};

const never = new AbortController().signal;

describe('ReadyBatches', () => {
  it('takes everything already available, up to the maximum', async () => {
    const source = liveSource<number>();
    source.push(1, 2, 3, 4, 5);
    const batches = new ReadyBatches(source.iterator);

    expect(await batches.next(3, never)).toEqual([1, 2, 3]);
    expect(await batches.next(3, never)).toEqual([4, 5]);
  });

  it('does not wait for more once the available items are taken', async () => {
    const source = liveSource<number>();
    const batches = new ReadyBatches(source.iterator);
    source.push(1);

    expect(await batches.next(100, never)).toEqual([1]);

    const pending = batches.next(100, never);
    setTimeout(() => source.push(2, 3), 20);
    expect(await pending).toEqual([2, 3]);
  });

  it('returns an empty batch when the source ends', async () => {
    const source = liveSource<number>();
    source.push(1);
    source.end();
    const batches = new ReadyBatches(source.iterator);

    expect(await batches.next(10, never)).toEqual([1]);
    expect(await batches.next(10, never)).toEqual([]);
  });

  it('returns an empty batch when stopped while waiting, and loses no item afterwards', async () => {
    const source = liveSource<number>();
    const batches = new ReadyBatches(source.iterator);
    const stop = new AbortController();

    const waiting = batches.next(10, stop.signal);
    stop.abort();
    expect(await waiting).toEqual([]);

    source.push(7);
    expect(await batches.next(10, never)).toEqual([7]);
  });

  it('leaves nothing waiting on the stop signal once a batch is taken', async () => {
    const source = liveSource<number>();
    const batches = new ReadyBatches(source.iterator);
    const stop = new AbortController();

    for (let n = 0; n < 50; n++) {
      const batch = batches.next(10, stop.signal);
      source.push(n);
      expect(await batch).toEqual([n]);
    }

    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });
});
