import type { Request, Response } from 'express';
import type { ServiceForwarder, RoutedTarget } from '../routing/service-routes';
import { sendError } from '../routing/gateway-answers';
import type { LiveHub } from '../live/live-hub';
import { openLiveStream } from '../live/live-stream';

/** `<claims>.<signature>`, both base64url (services/goals/src/boards/board-link.ts). */
const boardTokenShape = /^[A-Za-z0-9_-]{1,512}\.[A-Za-z0-9_-]{1,128}$/;

type BoardView = Readonly<{ objectives?: readonly { objectiveId: string }[] }>;

/** What goals says about a board link now. */
type BoardCheck =
  | Readonly<{ state: 'shown'; objectiveIds: ReadonlySet<string> }>
  | Readonly<{ state: 'revoked' }>
  | Readonly<{ state: 'unknown' }>;

/**
 * The organisation a board link names. Read without checking the signature: only used after the
 * goals service has accepted the link (it checks the signature and that it is not revoked).
 */
const tenantOfBoardToken = (token: string): string | undefined => {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    return Array.isArray(claims) && typeof claims[0] === 'string' ? claims[0] : undefined;
  } catch {
    return undefined;
  }
};

/**
 * TV boards: opened by a signed, revocable link without signing in. The gateway adds no token:
 * the goals service decides from the link alone (`GET /boards/view/:token`), and the live stream
 * sends only changes of the objectives that board shows, checking the link again every
 * `recheckMs` and closing the stream once it is revoked.
 */
export class BoardLinks {
  constructor(
    private readonly goals: RoutedTarget,
    private readonly forwarder: ServiceForwarder,
    private readonly hub: LiveHub,
    private readonly recheckMs: number,
  ) {}

  readonly view = (request: Request, response: Response): void => {
    const token = String(request.params.token);
    if (!boardTokenShape.test(token)) {
      sendError(request, response, 404, 'not_found', 'No such board.');
      return;
    }
    this.forwarder.forward(request, response, this.goals, `/boards/view/${token}`, undefined);
  };

  readonly live = async (request: Request, response: Response): Promise<void> => {
    const token = String(request.params.token);
    const tenantId = boardTokenShape.test(token) ? tenantOfBoardToken(token) : undefined;
    const check = tenantId ? await this.check(token) : ({ state: 'revoked' } as const);
    if (check.state === 'unknown') {
      sendError(
        request,
        response,
        503,
        'service_unavailable',
        'The goals service is not reachable right now.',
      );
      return;
    }
    if (check.state === 'revoked' || !tenantId) {
      sendError(request, response, 404, 'not_found', 'No such board.');
      return;
    }
    const connection = openLiveStream(request, response, this.hub, tenantId, {
      kind: 'board',
      boardToken: token,
      objectiveIds: check.objectiveIds,
    });
    const recheck = setInterval(() => {
      void this.check(token).then((again) => {
        if (again.state === 'revoked') {
          connection.close('the board was revoked');
          this.hub.remove(connection);
        } else if (again.state === 'shown') {
          connection.audience = {
            kind: 'board',
            boardToken: token,
            objectiveIds: again.objectiveIds,
          };
        }
      });
    }, this.recheckMs);
    response.on('close', () => clearInterval(recheck));
  };

  private async check(token: string): Promise<BoardCheck> {
    try {
      const answer = await fetch(`${this.goals.url}/boards/view/${token}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(5_000),
      });
      if (answer.status === 404) return { state: 'revoked' };
      if (!answer.ok) return { state: 'unknown' };
      const view = (await answer.json()) as BoardView;
      return {
        state: 'shown',
        objectiveIds: new Set((view.objectives ?? []).map((objective) => objective.objectiveId)),
      };
    } catch {
      return { state: 'unknown' };
    }
  }
}
