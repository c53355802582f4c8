/** The x-amz-* headers a SigV4 signer sets itself on every request (never taken from the request it signs). */
export const SIGNER_AMZ_HEADERS: ReadonlySet<string> = new Set(['x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']);
