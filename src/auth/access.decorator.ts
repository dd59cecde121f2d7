import { SetMetadata } from '@nestjs/common';

/**
 * What a route needs. `read`: open unless READ_ACCESS=token. `write`: a secretary, historian or admin
 * token covering the council (historian or admin for corrections and `recordAnomaly` writes).
 * `correction`: historian or admin. `admin`: admin only. `public`: always open (health, docs).
 */
export type AccessLevel = 'public' | 'read' | 'write' | 'correction' | 'admin';
export const ACCESS_KEY = 'council-record:access';
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_KEY, level);
