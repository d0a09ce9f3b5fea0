import type { RecordedEvent } from '@rhythm/event-sourcing';
import type { ServiceLogger } from '@rhythm/operability';

/** Events left out that a process remembers having logged; beyond, it forgets and logs anew. */
const remembered = 1_000;

/**
 * The log of events a read leaves out because they cannot be read (ADR 0065): each is logged at
 * `warn` once per process, not at every query that meets it. The answer itself never says so,
 * since the stream may be an objective the reader may not see; operators find it here.
 */
export class EventsSetAside {
  private readonly logged = new Set<string>();

  constructor(
    private readonly message: string,
    private readonly logger?: ServiceLogger,
  ) {}

  record(
    where: Readonly<{ tenantId: string; cycleId: string }>,
    event: RecordedEvent,
    error: unknown,
  ) {
    const position = String(event.globalPosition);
    if (this.logged.has(position)) return;
    if (this.logged.size >= remembered) this.logged.clear();
    this.logged.add(position);
    this.logger?.pino.warn(
      { ...where, position, streamId: event.streamId, eventType: event.type, err: error },
      this.message,
    );
  }
}
