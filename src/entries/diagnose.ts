/** `opensearch-fgac/diagnose`: who the client is, which recommended configuration that is, and why a request is refused. */
export { diagnoseError } from '../diagnose/diagnosis.js';
export { checkDomain } from './on-demand.js';
export type {
  CheckDomainClient, CheckDomainOptions, DomainCheckReport, DomainIdentity, PrincipalKind, ConfigurationMatch,
  RecommendedConfiguration, Diagnosis, DiagnosisCode,
} from '../diagnose/index.js';
