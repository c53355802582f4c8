/** The basic mode's factory, apart from its spec (basic.ts): entries that include the mode import it. */
import { createBasicStrategy, type BasicAuthOptions } from './basic.js';
import type { AuthModeFactory } from './mode.js';

/** The basic mode's factory (a cached `Authorization: Basic` header). */
export const basicFactory: AuthModeFactory<BasicAuthOptions> = (auth, _resolution, { requestTimeoutMs, secrets }) =>
  createBasicStrategy(auth, { timeoutMs: requestTimeoutMs, secrets });
