/** `actionGroups` (actiongroups): custom action groups. */
import { fromApiActionGroup, toApiActionGroup, type ActionGroup, type ApiActionGroup, type Stored } from '../model.js';
import { SecurityResourceApi, type ResourceContext } from './resource.js';

/** `actionGroups` (actiongroups). */
export class ActionGroupsApi extends SecurityResourceApi<ActionGroup, ApiActionGroup> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'actionGroups', 'actiongroups');
  }

  /** Converts an action group into the API shape. */
  toApi(model: ActionGroup): ApiActionGroup {
    return toApiActionGroup(model);
  }

  /** Converts an API action group into the typed model. */
  fromApi(json: ApiActionGroup): Stored<ActionGroup> {
    return fromApiActionGroup(json);
  }
}
