/** `actionGroups` (actiongroups): custom action groups. */
import type { ActionGroup, ApiActionGroup } from '../model.js';
import { SecurityResourceApi, type ResourceContext } from './resource.js';

/** `actionGroups` (actiongroups). */
export class ActionGroupsApi extends SecurityResourceApi<ActionGroup, ApiActionGroup> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'actionGroups', 'actiongroups');
  }
}
