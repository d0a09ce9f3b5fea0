import { useMemo } from 'react';
import {
  orgDirectoryOf,
  useOrgTree,
  type OrgTree,
  type OrgUnit,
  type PersonRef,
} from '../../org/org-directory';
import type { Unit } from './api';

export type { OrgTree } from '../../org/org-directory';

// Recognition's and the statistics' view of the organisation's directory (src/org): the units
// walls and the flow are about — tribes, squads, chapters and guilds, never the company.

export type NamedUnit = OrgUnit & Unit;

export interface OrgDirectory {
  readonly people: readonly PersonRef[];
  readonly units: readonly NamedUnit[];
  readonly personName: (personId: string) => string | undefined;
  readonly unit: (unit: Unit | string) => NamedUnit | undefined;
}

const isNamedUnit = (unit: OrgUnit | undefined): unit is NamedUnit =>
  unit !== undefined && unit.kind !== 'company';

export function directoryOf(tree: OrgTree): OrgDirectory {
  const directory = orgDirectoryOf(tree);
  return {
    people: directory.people,
    units: directory.units.filter(isNamedUnit),
    personName: (personId) => directory.personName(personId),
    unit: (unit) => {
      const found = directory.unit(unit);
      return isNamedUnit(found) ? found : undefined;
    },
  };
}

/**
 * The organisation's people and units by id, as the org service names them now, or as they
 * stood at `asOf` (units dissolved since still have their names then).
 */
export function useOrgDirectory(asOf?: string) {
  const tree = useOrgTree(asOf);
  const directory = useMemo(() => (tree.data ? directoryOf(tree.data) : undefined), [tree.data]);
  return { ...tree, directory };
}
