/** `tenancyConfig`: Dashboards multi-tenancy settings (`<prefix>/api/tenancy/config`, OpenSearch 2.7+). */
import type { SecurityTransport } from '../transport.js';

/** `_plugins/_security/api/tenancy/config` (OpenSearch 2.7+). */
export interface TenancyConfig {
  multitenancy_enabled?: boolean;
  private_tenant_enabled?: boolean;
  default_tenant?: string;
  sign_in_options?: string[];
}

/** `tenancyConfig`: Dashboards multi-tenancy settings. */
export class TenancyConfigApi {
  readonly #transport: SecurityTransport;

  /** @internal */
  constructor(transport: SecurityTransport) {
    this.#transport = transport;
  }

  /** Reads the tenancy configuration. */
  async get(): Promise<TenancyConfig> {
    return (await this.#transport.request('GET', 'api/tenancy/config')).body as TenancyConfig;
  }

  /** Updates the tenancy configuration; returns the resulting configuration. */
  async put(config: TenancyConfig): Promise<TenancyConfig> {
    return (await this.#transport.request('PUT', 'api/tenancy/config', config)).body as TenancyConfig;
  }
}
