/** `roles`: typed roles (DLS objects, FLS entries, validated masked fields). */
import type { ApiRole, Role } from '../model.js';
import { SecurityResourceApi, type ResourceContext } from './resource.js';

/** `roles`: typed roles (DLS objects, FLS entries, validated masked fields). */
export class RolesApi extends SecurityResourceApi<Role, ApiRole> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'roles', 'roles');
  }
}
