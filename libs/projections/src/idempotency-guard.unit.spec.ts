import {
  guardFilter,
  guardStamp,
  guardVerdict,
  streamKey,
  type WriteStamp,
} from './idempotency-guard';

const stamp = (overrides: Partial<WriteStamp> = {}): WriteStamp => ({
  streamId: 'squad-1',
  streamRevision: 4,
  globalPosition: 120n,
  op: 1,
  ...overrides,
});

describe('the idempotency guard', () => {
  describe("'position': documents fed by one ordered feed", () => {
    const kind = 'position';

    it('stamps the global position and the write index', () => {
      expect(guardStamp(kind, stamp())).toEqual({ _position: 120n, _op: 1 });
    });

    it('matches documents at a lower position, or at the same event but an earlier write', () => {
      expect(guardFilter(kind, stamp())).toEqual({
        $or: [
          { _position: { $lt: 120n } },
          { _position: 120n, _op: { $lt: 1 } },
          { _position: { $exists: false } },
        ],
      });
    });

    it.each([
      [{ _position: 119, _op: 7 }, 'not-applied'],
      [{ _position: 120, _op: 0 }, 'not-applied'],
      [{ _position: 120, _op: 1 }, 'already-applied'],
      [{ _position: 121, _op: 0 }, 'already-applied'],
      [{}, 'not-applied'],
    ])('judges a document %j as %s', (document, verdict) => {
      expect(guardVerdict(kind, document, stamp())).toBe(verdict);
    });

    it('reads positions beyond 2^53 that come back as Long-like objects', () => {
      const big = 2n ** 60n;
      const long = { toString: () => (big + 1n).toString() };
      expect(guardVerdict(kind, { _position: long, _op: 0 }, stamp({ globalPosition: big }))).toBe(
        'already-applied',
      );
    });
  });

  describe("'stream': documents owned by one stream", () => {
    const kind = 'stream';

    it('stamps stream, revision and write index, and matches only its own stream', () => {
      expect(guardStamp(kind, stamp())).toEqual({ _stream: 'squad-1', _revision: 4, _op: 1 });
      expect(guardFilter(kind, stamp())).toEqual({
        $or: [
          { _stream: 'squad-1', _revision: { $lt: 4 } },
          { _stream: 'squad-1', _revision: 4, _op: { $lt: 1 } },
          { _revision: { $exists: false } },
        ],
      });
    });

    it('recognises a document of another stream', () => {
      expect(guardVerdict(kind, { _stream: 'squad-2', _revision: 9, _op: 0 }, stamp())).toBe(
        'owned-by-another-stream',
      );
      expect(guardVerdict(kind, { _stream: 'squad-1', _revision: 9, _op: 0 }, stamp())).toBe(
        'already-applied',
      );
      expect(guardVerdict(kind, { _stream: 'squad-1', _revision: 3, _op: 5 }, stamp())).toBe(
        'not-applied',
      );
    });
  });

  describe("'streams': documents written by several streams in any interleaving", () => {
    const kind = 'streams';

    it('keeps one record per stream', () => {
      expect(guardStamp(kind, stamp())).toEqual({
        '_streams.squad-1.revision': 4,
        '_streams.squad-1.op': 1,
      });
      const document = {
        _streams: { 'squad-1': { revision: 4, op: 1 }, 'tribe-1': { revision: 2, op: 0 } },
      };
      expect(guardVerdict(kind, document, stamp())).toBe('already-applied');
      expect(guardVerdict(kind, document, stamp({ streamId: 'tribe-1', streamRevision: 3 }))).toBe(
        'not-applied',
      );
      expect(guardVerdict(kind, document, stamp({ streamId: 'tribe-9', streamRevision: 0 }))).toBe(
        'not-applied',
      );
    });

    it('escapes stream ids that would read as paths or operators', () => {
      expect(streamKey('squad.1$x%')).toBe('squad%2E1%24x%25');
      expect(Object.keys(guardStamp(kind, stamp({ streamId: 'a.b' })))).toEqual([
        '_streams.a%2Eb.revision',
        '_streams.a%2Eb.op',
      ]);
    });
  });
});
