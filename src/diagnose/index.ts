/** Diagnostics: who the client is, which recommended configuration that is, and why a request is refused (problem + fix). */
export { checkDomain, type DomainCheckReport } from './check-domain.js';
export { diagnoseError, diagnoseIdentity, type Diagnosis, type DiagnosisCode } from './diagnosis.js';
export {
  identityFromAuthInfo, matchConfiguration, principalKindOf,
  type ConfigurationMatch, type DomainIdentity, type PrincipalKind, type RecommendedConfiguration,
} from './identity.js';
export { probeDomain, type CheckDomainClient, type CheckDomainOptions, type ProbeResult } from './probe.js';
