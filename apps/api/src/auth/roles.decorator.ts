import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { Role } from '@ledgerline/platform';

export const ROLES_METADATA = 'ledgerline:roles';
export const PUBLIC_METADATA = 'ledgerline:public';
/** OpenAPI extension naming the roles of an operation: clients see them, and the authorization test walks them. */
export const ROLES_EXTENSION = 'x-roles';

/** The roles that may call a route (or every route of a controller); pick a set from CAN (role-matrix.ts). */
export const Roles = (...roles: readonly Role[]) =>
  applyDecorators(SetMetadata(ROLES_METADATA, roles), ApiExtension(ROLES_EXTENSION, roles), ApiBearerAuth(), ApiSecurity('api-key'));

/** A route anyone may call without credentials: health checks only (the docs are served outside the router). */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);
