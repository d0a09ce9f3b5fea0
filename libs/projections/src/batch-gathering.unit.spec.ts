import { batchIsDue } from './batch-gathering';

describe('batchIsDue', () => {
  const gathering = { batchSize: 2_000, maxFlushDelayMs: 250 };

  it('is due once the batch is full, however short the gathering', () => {
    expect(batchIsDue({ ...gathering, pending: 2_000, gatheringMs: 1, lastFlushMs: 0 })).toBe(true);
    expect(batchIsDue({ ...gathering, pending: 1_999, gatheringMs: 1, lastFlushMs: 0 })).toBe(
      false,
    );
  });

  it('is due after the delay while flushes are quick', () => {
    expect(batchIsDue({ ...gathering, pending: 40, gatheringMs: 249, lastFlushMs: 30 })).toBe(
      false,
    );
    expect(batchIsDue({ ...gathering, pending: 40, gatheringMs: 250, lastFlushMs: 30 })).toBe(true);
  });

  it('gathers for as long as the last flush took when that was longer than the delay', () => {
    expect(batchIsDue({ ...gathering, pending: 300, gatheringMs: 250, lastFlushMs: 1_300 })).toBe(
      false,
    );
    expect(batchIsDue({ ...gathering, pending: 900, gatheringMs: 1_299, lastFlushMs: 1_300 })).toBe(
      false,
    );
    expect(batchIsDue({ ...gathering, pending: 900, gatheringMs: 1_300, lastFlushMs: 1_300 })).toBe(
      true,
    );
  });

  it('never gathers past a full batch, however slow the last flush', () => {
    expect(batchIsDue({ ...gathering, pending: 2_000, gatheringMs: 10, lastFlushMs: 60_000 })).toBe(
      true,
    );
  });
});
