/** `tenancyConfig`: Dashboards multi-tenancy settings (`<prefix>/api/tenancy/config`, OpenSearch 2.7+). */
import type { ConflictRetry } from '../conflict.js';
import type { SecurityTransport } from '../transport.js';
import { TENANCY_CONFIG, writeAnswer } from '../read-answer.js';
import { SecurityModelError } from '../model-error.js';
import { tenancyConfigIssues } from '../model-shape.js';
import { SecurityEndpoint } from './endpoint.js';

/** `_plugins/_security/api/tenancy/config` (OpenSearch 2.7+). */
export interface TenancyConfig {
  multitenancy_enabled?: boolean;
  private_tenant_enabled?: boolean;
  default_tenant?: string;
  sign_in_options?: string[];
}

/** `tenancyConfig`: Dashboards multi-tenancy settings. */
export class TenancyConfigApi extends SecurityEndpoint<TenancyConfig> {
  /** @internal */
  constructor(transport: SecurityTransport, conflicts: ConflictRetry) {
    super(transport, 'api/tenancy/config', conflicts, TENANCY_CONFIG);
  }

  /**
   * Updates the tenancy configuration; returns the resulting configuration, which the plugin answers. A 2xx that is not
   * that configuration (`{status: OK}`, a proxy's page, an empty 204) is a SecurityModelError: not known to be applied.
   */
  async put(config: TenancyConfig): Promise<TenancyConfig> {
    // each value read once: what was checked is what is sent
    const sent: unknown = typeof config === 'object' && config !== null && !Array.isArray(config) ? { ...config } : config;
    const issues = tenancyConfigIssues(sent);
    if (issues.length > 0) throw new SecurityModelError('tenancy configuration', issues);
    return writeAnswer<TenancyConfig>(TENANCY_CONFIG, 'PUT', (await this.send('PUT', sent)).body);
  }
}
