import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'rhythm:identity:public';

/** Opts a route (or controller) out of authentication: health, metrics, OpenAPI. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
