/** Where a relay (or any subscriber of the event store) remembers how far it got. */
export interface CheckpointStore {
  load(name: string): Promise<bigint | undefined>;
  /** Never moves a checkpoint backwards. */
  save(name: string, position: bigint): Promise<void>;
}
