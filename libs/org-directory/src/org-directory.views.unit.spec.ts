import type { PersonRecord, UnitRecord } from './org-directory.evolve';
import { belongsTo, KnownUnits, personView, unitView } from './org-directory.views';

const unit = (record: Partial<UnitRecord> & Pick<UnitRecord, 'kind' | 'id'>): UnitRecord => ({
  formed: true,
  dissolved: false,
  name: record.id,
  leadIds: [],
  ...record,
});

const person = (record: Partial<PersonRecord> & Pick<PersonRecord, 'id'>): PersonRecord => ({
  kind: 'person',
  joined: true,
  left: false,
  name: record.id,
  guildIds: [],
  ...record,
});

describe('org directory views (joined at read time)', () => {
  const ann = person({
    id: 'ann',
    squadId: 'checkout',
    chapterId: 'backend',
    chapterTribeId: 'payments',
    guildIds: ['testing', 'security'],
  });

  it('gives a person the tribes of their squad and chapter, and the units they lead', () => {
    const units = new KnownUnits([
      unit({ kind: 'squad', id: 'checkout', tribeId: 'commerce', leadIds: ['ann'] }),
      unit({ kind: 'chapter', id: 'backend', tribeId: 'payments' }),
      unit({ kind: 'guild', id: 'testing', leadIds: ['bob', 'ann'] }),
      unit({ kind: 'tribe', id: 'payments', leadIds: ['ann'] }),
      unit({ kind: 'tribe', id: 'old', leadIds: ['ann'], dissolved: true }),
    ]);
    expect(personView(ann, units)).toEqual({
      personId: 'ann',
      name: 'ann',
      squadId: 'checkout',
      chapterId: 'backend',
      tribeIds: ['commerce', 'payments'],
      guildIds: ['security', 'testing'],
      leads: [
        { kind: 'tribe', id: 'payments' },
        { kind: 'squad', id: 'checkout' },
        { kind: 'guild', id: 'testing' },
      ],
      status: 'active',
    });
  });

  it('keeps memberships of units not seen yet, and drops those of units seen dissolved', () => {
    const nothingSeen = personView(ann, new KnownUnits([]));
    expect(nothingSeen).toMatchObject({
      squadId: 'checkout',
      chapterId: 'backend',
      // The squad's tribe is unknown until the squad is seen; the chapter's came with the event.
      tribeIds: ['payments'],
      guildIds: ['security', 'testing'],
    });

    const dissolved = personView(
      ann,
      new KnownUnits([
        unit({ kind: 'squad', id: 'checkout', tribeId: 'commerce', dissolved: true }),
        unit({ kind: 'chapter', id: 'backend', tribeId: 'payments', dissolved: true }),
        unit({ kind: 'guild', id: 'testing', dissolved: true }),
      ]),
    );
    expect(dissolved).toMatchObject({ tribeIds: [], guildIds: ['security'], leads: [] });
    expect(dissolved).not.toHaveProperty('squadId');
    expect(dissolved).not.toHaveProperty('chapterId');
  });

  it('knows no one before they joined, and nothing of a person who left', () => {
    expect(personView(person({ id: 'ann', joined: false }), new KnownUnits([]))).toBeUndefined();
    const units = new KnownUnits([unit({ kind: 'tribe', id: 'payments', leadIds: ['ann'] })]);
    expect(personView({ ...ann, left: true }, units)).toEqual({
      personId: 'ann',
      name: 'ann',
      tribeIds: [],
      guildIds: [],
      leads: [],
      status: 'left',
    });
  });

  it('shows a unit only once formed, without leads who left, and empty once dissolved', () => {
    const squad = unit({ kind: 'squad', id: 'checkout', tribeId: 'payments', leadIds: ['ann'] });
    const members = [ann, person({ id: 'bob', squadId: 'checkout' }), person({ id: 'cem' })].map(
      (each) => personView(each, new KnownUnits([squad]))!,
    );
    expect(unitView({ ...squad, formed: false }, members, new Set())).toBeUndefined();
    expect(unitView(squad, members, new Set())).toEqual({
      kind: 'squad',
      id: 'checkout',
      name: 'checkout',
      tribeId: 'payments',
      leadIds: ['ann'],
      memberIds: ['ann', 'bob'],
      status: 'active',
    });
    expect(unitView(squad, members, new Set(['ann']))?.leadIds).toEqual([]);
    expect(unitView({ ...squad, dissolved: true }, members, new Set())).toMatchObject({
      leadIds: [],
      memberIds: [],
      status: 'dissolved',
    });
  });

  it('counts a person in a tribe through their squad or their chapter, and in the company', () => {
    const units = new KnownUnits([
      unit({ kind: 'squad', id: 'checkout', tribeId: 'commerce' }),
      unit({ kind: 'chapter', id: 'backend', tribeId: 'payments' }),
    ]);
    const view = personView(ann, units)!;
    expect(belongsTo(view, { kind: 'tribe', id: 'commerce' })).toBe(true);
    expect(belongsTo(view, { kind: 'tribe', id: 'payments' })).toBe(true);
    expect(belongsTo(view, { kind: 'tribe', id: 'platform' })).toBe(false);
    expect(belongsTo(view, { kind: 'company', id: 'acme' })).toBe(true);
    expect(belongsTo(view, { kind: 'guild', id: 'testing' })).toBe(true);
    expect(belongsTo({ ...view, status: 'left' }, { kind: 'company', id: 'acme' })).toBe(false);
  });
});
