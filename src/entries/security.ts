/** `opensearch-fgac/security`: typed, lost-update-safe helpers for the security REST API and the role model. Re-exports only. */
export * from '../security/index.js';
