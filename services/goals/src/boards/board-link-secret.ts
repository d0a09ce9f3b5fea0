import type { GoalsConfiguration } from '../goals-configuration';

/** Nest injection token of the secret board links are signed with. */
export const BOARD_LINK_SECRET = Symbol('BoardLinkSecret');

/** Known to everyone who reads this file: used only outside production (ADR 0052). */
const developmentSecret = 'rhythm-development-board-links-not-for-production';

/**
 * BOARD_LINK_SECRET, or the development default where NODE_ENV is not production. In production
 * (the images set NODE_ENV=production) a missing secret stops the boot: links signed with a
 * published secret could be forged by anyone.
 */
export const boardLinkSecretOf = (
  config: Pick<GoalsConfiguration, 'BOARD_LINK_SECRET'>,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): string => {
  if (config.BOARD_LINK_SECRET !== undefined) return config.BOARD_LINK_SECRET;
  if (environment.NODE_ENV === 'production') {
    throw new Error(
      'BOARD_LINK_SECRET must be set in production (at least 32 characters): it signs TV board links',
    );
  }
  return developmentSecret;
};
