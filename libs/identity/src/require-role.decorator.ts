import { SetMetadata } from '@nestjs/common';
import { type Role } from './authenticated-actor';

export const REQUIRED_ROLES = 'rhythm:identity:roles';

/**
 * The caller needs at least one of these roles (403 otherwise). Roles do not imply each other:
 * an endpoint open to admins and members lists both, or none at all.
 */
export const RequireRole = (...anyOf: [Role, ...Role[]]) => SetMetadata(REQUIRED_ROLES, anyOf);
