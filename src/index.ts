/**
 * opensearch-fgac: the public surface, every subpath together. Each entry lists its exports
 * explicitly (README "Public API" lists them all); nothing else is exported.
 */
export * from './entries/client.js';
export * from './entries/ingest.js';
export * from './entries/security.js';
export * from './entries/verify.js';
export * from './entries/diagnose.js';
