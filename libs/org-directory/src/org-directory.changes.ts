import type { DirectoryRecord } from './org-directory.evolve';

type Waiter = Readonly<{ tenantId: string; wake: () => void }>;
type Listener = (tenantId: string, record?: DirectoryRecord) => void;

/**
 * Tells waiters in this process that the directory applied an event of their tenant, so that
 * awaitOwner answers as soon as the unit arrives instead of at its next poll. Another replica may
 * hold the partition of that unit's stream: waiters poll as well.
 */
export class OrgDirectoryChanges {
  private readonly waiters = new Set<Waiter>();
  private readonly listeners: Listener[] = [];

  /** The directory applied an event of the tenant; `record` is what it saved of its subject. */
  applied(tenantId: string, record?: DirectoryRecord): void {
    for (const listener of this.listeners) listener(tenantId, record);
    for (const waiter of this.waiters) if (waiter.tenantId === tenantId) waiter.wake();
  }

  /** Calls `listener` with the tenant (and the record saved) of every change in this process. */
  onApplied(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Resolves at the next change of the tenant, or after `ms`. */
  next(tenantId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        tenantId,
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, ms);
      this.waiters.add(waiter);
    });
  }
}
