import { kudosAudienceIncludes, type KudosOnlooker } from './kudos-audience';

const someone = (personId: string, more: Partial<KudosOnlooker> = {}): KudosOnlooker => ({
  personId,
  tribeIds: [],
  guildIds: [],
  leads: [],
  ...more,
});

const receivers = new Map([['bob', { squadId: 'support', chapterId: 'service' }]]);
const toBob = { giverId: 'ann', to: { personIds: ['bob'] }, audience: 'private' as const };
const toSupport = {
  giverId: 'ann',
  to: { personIds: [], unit: { kind: 'squad' as const, id: 'support' } },
  audience: 'private' as const,
};

describe('who a kudos is for', () => {
  it('a public kudos is for everyone in the organisation', () => {
    expect(kudosAudienceIncludes(someone('zoe'), { ...toBob, audience: 'public' }, receivers)).toBe(
      true,
    );
  });

  it("a private kudos is for its giver, the people thanked and their squad's and chapter's leads", () => {
    expect(kudosAudienceIncludes(someone('ann'), toBob, receivers)).toBe(true);
    expect(kudosAudienceIncludes(someone('bob'), toBob, receivers)).toBe(true);
    const po = someone('pia', { leads: [{ kind: 'squad', id: 'support' }] });
    const chapterLead = someone('cid', { leads: [{ kind: 'chapter', id: 'service' }] });
    expect(kudosAudienceIncludes(po, toBob, receivers)).toBe(true);
    expect(kudosAudienceIncludes(chapterLead, toBob, receivers)).toBe(true);
  });

  it('and for no one else: not a squad mate, not the lead of another squad', () => {
    expect(kudosAudienceIncludes(someone('sam', { squadId: 'support' }), toBob, receivers)).toBe(
      false,
    );
    const otherLead = someone('oli', { leads: [{ kind: 'squad', id: 'billing' }] });
    expect(kudosAudienceIncludes(otherLead, toBob, receivers)).toBe(false);
  });

  it("a private kudos to a unit is for the unit's members and leads", () => {
    expect(
      kudosAudienceIncludes(someone('sam', { squadId: 'support' }), toSupport, receivers),
    ).toBe(true);
    const po = someone('pia', { leads: [{ kind: 'squad', id: 'support' }] });
    expect(kudosAudienceIncludes(po, toSupport, receivers)).toBe(true);
    expect(
      kudosAudienceIncludes(someone('ray', { squadId: 'billing' }), toSupport, receivers),
    ).toBe(false);
    const guild = {
      ...toSupport,
      to: { personIds: [], unit: { kind: 'guild' as const, id: 'g' } },
    };
    expect(kudosAudienceIncludes(someone('gus', { guildIds: ['g'] }), guild, receivers)).toBe(true);
  });
});
