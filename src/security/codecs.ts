/**
 * Each resource type's conversions between the typed model and the API shape: the model's validation
 * code (model.ts, with the DLS, FLS, masked-field and Java-regex rules). SecurityApi's resources load
 * this module on their first conversion (resource.ts), so constructing the API loads none of it.
 */
import type { SecurityResourceKind } from './canonical.js';
import type { SecurityFlavour } from './compat.js';
import {
  fromApiActionGroup, fromApiRole, fromApiRoleMapping, fromApiTenant, fromApiUser,
  toApiActionGroup, toApiRole, toApiRoleMapping, toApiTenant, toApiUser,
  type ApiRole, type ApiUser, type InternalUser, type Role,
} from './model.js';

/** The conversions by resource kind. */
export const CODECS = {
  roles: {
    toApi: (model: Role, flavour: SecurityFlavour) => toApiRole(model, { dialect: flavour.dialect }),
    fromApi: (json: ApiRole, flavour: SecurityFlavour) => fromApiRole(json, { dialect: flavour.dialect }),
  },
  users: {
    toApi: (model: InternalUser, flavour: SecurityFlavour) => toApiUser(model, { userShape: flavour.userShape }),
    fromApi: (json: ApiUser) => fromApiUser(json),
  },
  roleMappings: { toApi: toApiRoleMapping, fromApi: fromApiRoleMapping },
  actionGroups: { toApi: toApiActionGroup, fromApi: fromApiActionGroup },
  tenants: { toApi: toApiTenant, fromApi: fromApiTenant },
} as const satisfies Record<SecurityResourceKind, object>;
