/** `roles`: typed roles (DLS objects, FLS entries, validated masked fields). */
import { fromApiRole, toApiRole, type ApiRole, type Role } from '../model.js';
import { SecurityResourceApi, type ResourceContext } from './resource.js';

/** `roles`: typed roles (DLS objects, FLS entries, validated masked fields). */
export class RolesApi extends SecurityResourceApi<Role, ApiRole> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'roles', 'roles', {
      toApi: (model, flavour) => toApiRole(model, { dialect: flavour.dialect }),
      fromApi: (json, flavour) => fromApiRole(json, { dialect: flavour.dialect }),
    });
  }
}
