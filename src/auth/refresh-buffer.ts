/** How long before expiry createClient refreshes credentials (apart from the cache, so every entry can compute it). */

/** Margin added to the request timeout for clock skew between client and server (60 s). */
export const CLOCK_SKEW_MARGIN_MS = 60_000;

/** The refresh buffer used by createClient: request timeout + 60 s, so no request starts with credentials that could expire in flight. */
export function refreshBufferFor(requestTimeoutMs: number): number {
  return requestTimeoutMs + CLOCK_SKEW_MARGIN_MS;
}
