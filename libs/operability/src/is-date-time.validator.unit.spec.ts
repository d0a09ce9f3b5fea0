import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsDateTime } from './is-date-time.validator';

class AsOfQuery {
  @IsDateTime()
  asOf!: string;
}

const errorsFor = async (asOf: string) =>
  (await validate(plainToInstance(AsOfQuery, { asOf }))).map((error) => error.property);

describe('a date-time in a request', () => {
  it.each(['2026-03-01T09:00:00Z', '2026-03-01T09:00:00.123Z', '2026-03-01T10:00:00+01:00'])(
    'accepts %s',
    async (asOf) => {
      expect(await errorsFor(asOf)).toEqual([]);
      expect(Number.isNaN(new Date(asOf).getTime())).toBe(false);
    },
  );

  // ISO 8601 forms that `new Date()` cannot read (they answered 500), and impossible dates.
  it.each([
    '2026-W01',
    '20260101T000000Z',
    '2026-02-30T00:00:00Z',
    '2026-03-01',
    '+275761-01-01T00:00:00Z',
  ])('refuses %s', async (asOf) => {
    expect(await errorsFor(asOf)).toEqual(['asOf']);
  });
});
