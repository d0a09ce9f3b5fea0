import type { LiveSubject } from '@rhythm/contracts';
import type { RoutedService } from '../gateway-configuration';

/** Where the owning service answers whether a person may see a subject (200 yes, 404 no). */
export const visibilityQueryOf = (
  subject: LiveSubject,
): Readonly<{ service: RoutedService; path: string }> | undefined => {
  const id = encodeURIComponent(subject.id);
  switch (subject.kind) {
    case 'objective':
      return { service: 'goals', path: `/objectives/${id}` };
    case 'proposal':
      return { service: 'goals', path: `/proposals/${id}` };
    case 'ambition':
      // Private to their owner, who reads them as `me`: no one else is told.
      return undefined;
    case 'blocker':
      return { service: 'checkins', path: `/blockers/${id}` };
    case 'kudos':
      return { service: 'recognition', path: `/kudos/${id}` };
    case 'story':
      return { service: 'recognition', path: `/stories/${id}` };
    case 'celebration':
      return { service: 'recognition', path: `/celebrations/${id}` };
    case 'organisation':
    case 'unit':
    case 'person':
    case 'cycle':
    case 'check-in':
      return undefined;
    default:
      return subject.kind satisfies never;
  }
};

/** What the owning service said about one subject for one person. */
export type SubjectAnswer =
  Readonly<{ visible: true; version?: number }> | Readonly<{ visible: false }>;

const versionOf = (body: unknown, etag: string | null): number | undefined => {
  const revision = (body as { revision?: unknown } | null)?.revision;
  if (typeof revision === 'number') return revision;
  const tagged = etag ? /^(?:W\/)?"?(\d+)"?$/.exec(etag)?.[1] : undefined;
  return tagged === undefined ? undefined : Number(tagged);
};

/**
 * Asks the owning service, with the person's own token, whether they may see a subject: the
 * service's access rules decide, the gateway keeps none of its own (ADR 0050). Anything but a
 * 200 (404, 401, a service down) means no: a change is never pushed on a guess.
 */
export class SubjectVisibility {
  constructor(
    private readonly urlOf: (service: RoutedService) => string,
    private readonly timeoutMs = 5_000,
  ) {}

  async ask(token: string, subject: LiveSubject): Promise<SubjectAnswer> {
    const query = visibilityQueryOf(subject);
    if (!query) return subject.kind === 'ambition' ? { visible: false } : { visible: true };
    try {
      const response = await fetch(`${this.urlOf(query.service)}${query.path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        return { visible: false };
      }
      const body: unknown = await response.json().catch(() => null);
      const version = versionOf(body, response.headers.get('etag'));
      return version === undefined ? { visible: true } : { visible: true, version };
    } catch {
      return { visible: false };
    }
  }
}
