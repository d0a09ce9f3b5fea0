import type { AlignmentGraph } from './alignment-graph';
import { alignmentLoop, ancestorsOf, wouldCreateCycle } from './alignment-graph';

// squad → tribe → company; chapter → squad; the guild objective also feeds the company.
const graph: AlignmentGraph = {
  squad: ['tribe'],
  tribe: ['company'],
  chapter: ['squad'],
  guild: ['company'],
  company: [],
};

describe('Alignment graph', () => {
  it.each<[string, string, string, boolean]>([
    ['a new leaf under the squad', 'newcomer', 'squad', false],
    ['the company under the squad', 'company', 'squad', true],
    ['the tribe under the chapter', 'tribe', 'chapter', true],
    ['an objective under itself', 'squad', 'squad', true],
    ['a sibling under a sibling', 'guild', 'tribe', false],
    ['the squad under the guild', 'squad', 'guild', false],
    ['a parent that is not in the graph', 'squad', 'unknown', false],
  ])('aligning %s creates a cycle: %s', (_, child, parent, expected) =>
    expect(wouldCreateCycle(graph, child, parent)).toBe(expected),
  );

  it('names the loop from the child back to itself', () =>
    expect(alignmentLoop(graph, 'company', 'chapter')).toEqual([
      'company',
      'chapter',
      'squad',
      'tribe',
      'company',
    ]));

  it('finds the shortest loop when there are several ways up', () =>
    expect(alignmentLoop({ a: ['b', 'c'], b: ['c'], c: ['x'] }, 'x', 'a')).toEqual([
      'x',
      'a',
      'c',
      'x',
    ]));

  it('terminates on a graph that already has a loop', () =>
    expect(wouldCreateCycle({ a: ['b'], b: ['a'] }, 'x', 'a')).toBe(false));

  it.each<[string, readonly string[]]>([
    ['chapter', ['squad', 'tribe', 'company']],
    ['guild', ['company']],
    ['company', []],
    ['unknown', []],
  ])('the ancestors of %s are %j', (objective, expected) =>
    expect([...ancestorsOf(graph, objective)].sort()).toEqual([...expected].sort()),
  );
});
