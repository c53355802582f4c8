/** opensearch-fgac: the public surface (every subpath together). Re-exports only. */

// Client factory and configuration, typed errors, retry policy
export * from './entries/client.js';

// Ingestion
export * from './entries/ingest.js';

// Security REST API helpers and the typed role model
export * from './entries/security.js';

// Client-side verification of DLS, FLS and masking, and permission explanations
export * from './entries/verify.js';

// Diagnostics: who am I, which recommended configuration is this, and why a request is refused
export { checkDomain, diagnoseError } from './diagnose/index.js';
export type { CheckDomainClient, CheckDomainOptions, DomainCheckReport, DomainIdentity, PrincipalKind, ConfigurationMatch,
  RecommendedConfiguration, Diagnosis, DiagnosisCode } from './diagnose/index.js';
