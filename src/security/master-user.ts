/**
 * An additional master user, as the Amazon OpenSearch Service guide adds one: the principal is mapped to
 * `all_access` and `security_manager` with lost-update-free role-mapping edits.
 */
import { isNotFound } from './resources/resource.js';
import type { MappingListField, MappingUpdateResult } from './resources/role-mappings.js';
import { answerLost, withProgress } from './progress.js';
import { isRestAdminRefusal, REST_ADMIN_STATE } from './unwritable.js';

/** Result of {@link addMasterUser}. */
export interface MasterUserResult {
  /** Where the principal was mapped: `users` (internal user, IAM user ARN, other names) or `backend_roles` (IAM role ARN). */
  field: 'users' | 'backend_roles';
  mappings: MappingUpdateResult[];
  /** Roles not mapped: missing on this cluster, or their mapping is reserved for REST API admins. */
  skipped: Array<{ role: string; reason: string }>;
}

/** Where an `addMasterUser` that failed stopped: set as `masterUserProgress` on the error it throws. */
export interface MasterUserProgress extends MasterUserResult {
  /** The role whose mapping edit failed (the roles before it are in `mappings` or `skipped`). */
  failed: MasterRole;
  /** `unknown` when the edit's answer was lost (it may have been applied), `not_applied` otherwise (as `apply`'s `outcome`). */
  outcome: 'not_applied' | 'unknown';
  /** Roles not attempted. */
  pending: MasterRole[];
}

/** The role-mapping edit addMasterUser needs. */
export interface MasterUserMappings {
  addValues(role: string, field: MappingListField, values: readonly string[]): Promise<MappingUpdateResult>;
}

const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+/;
const ASSUMED_ROLE_ARN = /^arn:aws[a-zA-Z-]*:sts::(\d{12}):assumed-role\/([^/]+)\/.+/;
const MASTER_ROLES = ['all_access', 'security_manager'] as const;
type MasterRole = (typeof MASTER_ROLES)[number];

/**
 * Maps a principal to `all_access` and `security_manager`: an IAM role ARN goes to `backend_roles`; an IAM
 * user ARN, an internal user or any other user name goes to `users`. An STS assumed-role ARN is refused
 * (RangeError): map its IAM role ARN instead. A role missing on this cluster (open-source OpenSearch has no
 * `security_manager`), or whose mapping no REST caller may change (a role granting `restapi:admin/*`: see
 * unwritable.ts), is reported in `skipped` instead of failing after `all_access` was mapped. Any other failure is
 * thrown with `masterUserProgress` ({@link MasterUserProgress}): what was mapped before it; calling again finishes.
 * `signal`: the SecurityApi's (its abort reason on a write in flight makes the outcome unknown).
 */
export async function addMasterUser(mappings: MasterUserMappings, userOrArn: string, signal?: AbortSignal): Promise<MasterUserResult> {
  const assumed = ASSUMED_ROLE_ARN.exec(userOrArn);
  if (assumed !== null) {
    throw new RangeError(
      `${userOrArn} is an STS session; FGAC sees the role itself: map arn:aws:iam::${assumed[1]}:role/${assumed[2]} (with its path, if any)`,
    );
  }
  const field = ROLE_ARN.test(userOrArn) ? 'backend_roles' : 'users';
  const result: MasterUserResult = { field, mappings: [], skipped: [] };
  for (const [at, role] of MASTER_ROLES.entries()) {
    try {
      result.mappings.push(await mappings.addValues(role, field, [userOrArn]));
    } catch (err) {
      if (isNotFound(err) && err.resourceName === role) {
        result.skipped.push({ role, reason: err.reason });
      } else if (isRestAdminRefusal(err)) {
        result.skipped.push({ role, reason: `Access denied: the role ${REST_ADMIN_STATE}: the REST API refuses every caller to change its mapping` });
      } else {
        const progress: MasterUserProgress = {
          field, mappings: [...result.mappings], skipped: [...result.skipped], failed: role,
          outcome: answerLost(err, signal) ? 'unknown' : 'not_applied', pending: MASTER_ROLES.slice(at + 1),
        };
        throw withProgress(err, 'masterUserProgress', progress, role);
      }
    }
  }
  return result;
}
