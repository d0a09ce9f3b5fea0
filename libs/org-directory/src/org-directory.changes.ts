type Waiter = Readonly<{ tenantId: string; wake: () => void }>;

/**
 * Tells waiters in this process that the directory applied an event of their tenant, so that
 * awaitOwner answers as soon as the unit arrives instead of at its next poll. Another replica may
 * hold the partition of that unit's stream: waiters poll as well.
 */
export class OrgDirectoryChanges {
  private readonly waiters = new Set<Waiter>();
  private readonly listeners: ((tenantId: string) => void)[] = [];

  applied(tenantId: string): void {
    for (const listener of this.listeners) listener(tenantId);
    for (const waiter of this.waiters) if (waiter.tenantId === tenantId) waiter.wake();
  }

  /** Calls `listener` with the tenant of every change applied in this process. */
  onApplied(listener: (tenantId: string) => void): void {
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
