import { z } from 'zod';

/** Field types shared by the org integration events. */
export const entityId = z.string().min(1).max(200);
export const unitName = z.string().min(1).max(120);
export const longText = z.string().max(500);
export const timestamp = z.iso.datetime({ offset: true });
/** Why a membership ended when not by its unit's dissolution. */
export const membershipEndCause = z.enum(['requested', 'left-organisation']);
