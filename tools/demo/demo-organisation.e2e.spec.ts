import { mintDevelopmentToken } from '@rhythm/identity';
import { uniqueName } from '@rhythm/testing';
import { acmeMusic } from './demo-organisation';
import { seedDemoOrganisation, type SeededOrganisation } from './demo-seeder';
import { DemoWorld } from './testing/demo-world';

jest.setTimeout(600_000);

type Tree = Readonly<{
  objectives: readonly Readonly<{ objectiveId: string; title: string; parents: string[] }>[];
  company: Readonly<{ name: string }> | null;
  tribes: readonly Readonly<{ name: string; squads: readonly Readonly<{ name: string }>[] }>[];
}>;

/**
 * `npm run demo` against the four services as `npm start` runs them: the organisation it
 * describes is what the OKR tree shows, and a second run adds nothing.
 */
describe('the demo organisation', () => {
  let world: DemoWorld;
  let organisationId: string;
  let seeded: SeededOrganisation;

  const treeAs = async (personId: string, cycleId: string): Promise<Tree> => {
    const token = mintDevelopmentToken({
      sub: personId,
      tenant: organisationId,
      roles: ['member'],
    });
    const response = await fetch(`${world.services.goals}/cycles/${cycleId}/tree`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Tree;
  };

  beforeAll(async () => {
    world = await DemoWorld.start();
    organisationId = uniqueName('acme').replace(/_/g, '-');
    seeded = await seedDemoOrganisation({
      organisationId,
      services: world.services,
      objectives: 24,
    });
  });

  afterAll(() => world?.dispose());

  it("shows the quarter's tree as described: the company, its tribes and squads, aligned", async () => {
    expect(seeded).toMatchObject({ created: true, objectiveCount: 24 });
    expect(Object.keys(seeded.people)).toHaveLength(25);
    const tree = await treeAs(seeded.people.sam, seeded.cycleId!);
    expect(tree.objectives).toHaveLength(24);
    expect(tree.company?.name).toBe('Acme Music');
    expect(
      tree.tribes.map((tribe) => [tribe.name, tribe.squads.map((squad) => squad.name)]),
    ).toEqual([
      ['Artists', ['Insights', 'Uploads']],
      ['Listening', ['Playlists', 'Radio', 'Search']],
    ]);
    const byTitle = new Map(tree.objectives.map((objective) => [objective.title, objective]));
    for (const described of acmeMusic.objectives) {
      const shown = byTitle.get(described.title);
      expect(shown?.objectiveId).toBe(seeded.objectives[described.key]);
      expect(shown?.parents).toEqual(
        described.alignedTo === undefined ? [] : [seeded.objectives[described.alignedTo]],
      );
    }
  });

  it('a second run sees the organisation and adds nothing', async () => {
    const again = await seedDemoOrganisation({ organisationId, services: world.services });
    expect(again).toMatchObject({ created: false, objectiveCount: 0 });
    expect(again.signIns.map((signIn) => signIn.name)).toEqual([
      'Sam Lee',
      'Pete Jansen',
      'Tess Okafor',
      'Ravi Patel',
      'Olivia Bennett',
    ]);
    expect(again.signIns[0].personId).toBe(seeded.people.sam);
    expect((await treeAs(seeded.people.sam, seeded.cycleId!)).objectives).toHaveLength(24);
  });
});
