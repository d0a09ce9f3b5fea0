import { usePerson } from './api';

/**
 * A person by name, as the organisation knows them. While the name loads, or when the person may
 * not be looked up, the id stands in: never an empty gap.
 */
export function PersonName({ personId }: { readonly personId: string }) {
  const person = usePerson(personId);
  return <span className="person-name">{person.data?.name ?? personId}</span>;
}
