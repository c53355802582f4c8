/** `actionGroups` (actiongroups): custom action groups. */
import { SecurityModelError } from '../model-error.js';
import type { ActionGroup, ApiActionGroup } from '../model.js';
import type { WriteResult } from '../write-result.js';
import { SecurityResourceApi, type ResourceContext } from './resource.js';

/**
 * The plugin's refusal of an action group `type` on write, or undefined: it lower-cases the value and accepts
 * only `cluster` and `index` (2.19 and 3.4), although GET shows built-ins typed `kibana` and `all`.
 */
export function actionGroupTypeRefusal(type: unknown): string | undefined {
  if (typeof type !== 'string' || ['cluster', 'index'].includes(type.toLowerCase())) return undefined;
  return `Invalid action group type: ${type}. Supported types are: cluster, index.`;
}

/** `actionGroups` (actiongroups). */
export class ActionGroupsApi extends SecurityResourceApi<ActionGroup, ApiActionGroup> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'actionGroups', 'actiongroups');
  }

  /** Creates or replaces an action group; a `type` the plugin refuses is refused before anything is sent. */
  override async put(name: string, model: ActionGroup): Promise<WriteResult> {
    checkType(model);
    return super.put(name, model);
  }

  protected override createBody(desired: ApiActionGroup, model: ActionGroup): ApiActionGroup {
    checkType(model);
    return desired;
  }
}

function checkType(model: ActionGroup): void {
  // a model of the wrong shape is left to the model's own validation, which names what is wrong
  if (model === null || typeof model !== 'object') return;
  const refusal = actionGroupTypeRefusal(model.type);
  if (refusal !== undefined) throw new SecurityModelError('action group', [{ path: 'type', message: refusal, exact: true }]);
}
