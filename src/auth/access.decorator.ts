import { applyDecorators, SetMetadata } from '@nestjs/common';

/**
 * What a route needs. `read`: open unless READ_ACCESS=token. `write`: a secretary, historian or admin
 * token covering the council (historian or admin for corrections and `recordAnomaly` writes).
 * `correction`: historian or admin. `admin`: admin only. `public`: always open (health, docs), but a
 * bearer token that is sent must be a valid staff token. `voter`: open, and the bearer token, if any, is a
 * voter's token that the route checks itself (a ballot).
 */
export type AccessLevel = 'public' | 'voter' | 'read' | 'write' | 'correction' | 'admin';
export const ACCESS_KEY = 'council-record:access';
export const COUNCIL_OF_BODY_KEY = 'council-record:council-of-body';

/**
 * For a write whose path names no council (founding one), how the route derives the council it will
 * write from the body: the slice that owns the route supplies it, so auth knows nothing of councils.
 */
export type CouncilOfBody = (body: Record<string, unknown>) => string | undefined;

export const Access = (level: AccessLevel, options: { councilOfBody?: CouncilOfBody } = {}) =>
  options.councilOfBody
    ? applyDecorators(SetMetadata(ACCESS_KEY, level), SetMetadata(COUNCIL_OF_BODY_KEY, options.councilOfBody))
    : SetMetadata(ACCESS_KEY, level);
