export { C as CheckDomainClient, a as CheckDomainOptions, b as ConfigurationMatch, D as Diagnosis, c as DiagnosisCode, d as DomainCheckReport, e as DomainIdentity, P as PrincipalKind, R as RecommendedConfiguration, o as checkDomain, p as diagnoseError } from './diagnose-vSafL-25.js';
import './mode-names-DutUs5-9.js';
import '@opensearch-project/opensearch';
