import { AppendGroups, type AppendOutcome, type AppendRequest } from './append-groups';

const append = (streamId: string): AppendRequest => ({ streamId, expected: 'any', events: [] });
const accepted = (position: number): AppendOutcome => ({
  appended: true,
  streamRevision: 0,
  globalPosition: BigInt(position),
});

/** A fake append function that answers when told to, recording the groups it was sent. */
const controllableSend = () => {
  const groups: string[][] = [];
  const answers: (() => void)[] = [];
  let failWhen: (appends: readonly AppendRequest[]) => boolean = () => false;
  const send = (appends: readonly AppendRequest[]) => {
    groups.push(appends.map((a) => a.streamId));
    return new Promise<AppendOutcome[]>((resolve, reject) => {
      answers.push(() =>
        failWhen(appends)
          ? reject(new Error('duplicate event id'))
          : resolve(appends.map((_, i) => accepted(i + 1))),
      );
    });
  };
  const answerAll = async () => {
    while (answers.length > 0) {
      answers.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { send, groups, answerAll, failOn: (f: typeof failWhen) => (failWhen = f) };
};

describe('AppendGroups', () => {
  it('sends a lone append at once, and what arrives meanwhile as one group', async () => {
    const fake = controllableSend();
    const groups = new AppendGroups(fake.send);

    const first = groups.submit(append('a'));
    const rest = ['b', 'c', 'd'].map((stream) => groups.submit(append(stream)));
    await fake.answerAll();

    expect(fake.groups).toEqual([['a'], ['b', 'c', 'd']]);
    await expect(first).resolves.toEqual(accepted(1));
    await expect(Promise.all(rest)).resolves.toEqual([accepted(1), accepted(2), accepted(3)]);
  });

  it('caps the size of a group', async () => {
    const fake = controllableSend();
    const groups = new AppendGroups(fake.send, 2);
    const all = ['a', 'b', 'c', 'd', 'e'].map((stream) => groups.submit(append(stream)));
    await fake.answerAll();
    await Promise.all(all);
    expect(fake.groups).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('retries each append of a failed group alone, so only the bad one fails', async () => {
    const fake = controllableSend();
    fake.failOn((appends) => appends.some((a) => a.streamId === 'bad'));
    const groups = new AppendGroups(fake.send);

    const outcomes = Promise.allSettled([
      groups.submit(append('a')),
      groups.submit(append('b')),
      groups.submit(append('bad')),
    ]);
    await fake.answerAll();

    const [first, good, bad] = await outcomes;
    expect(first.status).toBe('fulfilled');
    expect(good).toEqual({ status: 'fulfilled', value: accepted(1) });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('duplicate event id') });
    expect(fake.groups).toEqual([['a'], ['b', 'bad'], ['b'], ['bad']]);
  });
});
