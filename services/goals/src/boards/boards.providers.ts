import type { Provider } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { GoalsConfiguration } from '../goals-configuration';
import { GOALS_CONFIGURATION, GOALS_READ_STORE } from '../infrastructure/goals-tokens';
import { BoardCommandHandlers } from './board-command.handlers';
import { BOARD_LINK_SECRET, boardLinkSecretOf } from './board-link-secret';
import { BoardViews } from './board-views';
import { BoardsRepository } from './boards.projection';

/** What the goals module provides for TV boards (ADR 0052); the controller is BoardsHttpController. */
export const boardProviders: Provider[] = [
  {
    provide: BOARD_LINK_SECRET,
    inject: [GOALS_CONFIGURATION],
    // At boot: a production service without its secret does not start.
    useFactory: (config: GoalsConfiguration) => boardLinkSecretOf(config),
  },
  {
    provide: BoardsRepository,
    inject: [GOALS_READ_STORE],
    useFactory: (connection: Connection) => new BoardsRepository(connection),
  },
  BoardCommandHandlers,
  BoardViews,
];
