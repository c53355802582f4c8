/**
 * `checkDomain(client)`: an online check of a domain with fine-grained access control. It probes the
 * security plugin for who the client is (probe.ts), tells which recommended configuration of the Amazon
 * OpenSearch Service guide that identity fits (identity.ts), and turns every way the probe can fail
 * (domain access policy, rejected, expired or mis-signed credentials, security not initialised, TLS,
 * network, no roles) into a problem and a fix instead of an exception (diagnosis.ts).
 */
import type { AuthMode } from '../auth/modes.js';
import { correctedClock, diagnoseError, diagnoseIdentity, noSecurityPlugin, redirected, type Diagnosis } from './diagnosis.js';
import { identityFromAuthInfo, matchConfiguration, type ConfigurationMatch, type DomainIdentity } from './identity.js';
import { connectionSecrets } from './connection-secrets.js';
import { authModeOf, checkProbeInput, clockOffsetOf, probeDomain, type CheckDomainClient, type CheckDomainOptions } from './probe.js';
import { redactValue } from '../errors/redact-value.js';
import { SecretSet, secretsOf } from '../errors/secrets.js';
import { setOwn } from '../errors/own.js';
import { CLOCK_CORRECTION_THRESHOLD_MS } from '../auth/sigv4/signing-clock.js';

/** What checkDomain found. */
export interface DomainCheckReport {
  /** True when the plugin authenticated the client and mapped it to at least one role (no `error` diagnosis). */
  ok: boolean;
  /** The client's auth mode, when it was made by createClient. */
  authMode?: AuthMode;
  identity?: DomainIdentity;
  configuration?: ConfigurationMatch;
  diagnosis: Diagnosis[];
}

/**
 * Probes the domain with the client's own transport: who the client is (authinfo), which recommended
 * configuration that matches, and a problem + fix for each failure. Resolves for every failure it can
 * diagnose (access policy, 401, expired or invalid token, signature, 503, TLS, network, no roles); never
 * rejects for a failed request (a bad client or option is a ConfigError naming it).
 */
export async function checkDomain(client: CheckDomainClient, options: CheckDomainOptions = {}): Promise<DomainCheckReport> {
  checkProbeInput(client, options);
  const authMode = authModeOf(client);
  const report: DomainCheckReport = { ok: false, ...(authMode !== undefined ? { authMode } : {}), diagnosis: [] };
  const probe = await probeDomain(client, options);
  // a SigV4 client whose clock a refusal corrected (during this probe or before): it works, but the machine's clock is off
  const offsetMs = clockOffsetOf(client);
  if (Math.abs(offsetMs) > CLOCK_CORRECTION_THRESHOLD_MS) report.diagnosis.push(correctedClock(offsetMs));
  if (probe.outcome === 'failed') {
    report.diagnosis.push(diagnoseError(probe.error, authMode, client));
    return report;
  }
  if (probe.outcome === 'missing') {
    report.diagnosis.push(noSecurityPlugin(undefined, probe.tried, probe.lastMissing));
    return report;
  }
  if (probe.outcome === 'redirected') {
    report.diagnosis.push(redirected(probe.prefix, probe.status, probe.location));
    return report;
  }
  if (probe.outcome === 'not-authinfo') {
    report.diagnosis.push(noSecurityPlugin(probe.prefix, [probe.prefix], probe.lastMissing));
    return report;
  }
  const hints = {
    ...(probe.internalUser !== undefined ? { internalUser: probe.internalUser } : {}),
    ...(authMode !== undefined ? { authMode } : {}),
    prefix: probe.prefix,
  };
  // authinfo may echo what the client sent (a proxy or a stub answering with the Authorization
  // header, a password as user name): the report is redacted with the client's secrets and what
  // that request put on the wire (a SigV4 signature), like its errors.
  const secrets = secretsOf(client).with(connectionSecrets(client));
  const identity = identityFromAuthInfo(redactValue(probe.authinfo, SecretSet.plusWire(secrets, probe.wireSecrets)) as typeof probe.authinfo, hints);
  // set as own fields (the report literal lacks them: an assignment would reach a setter a polluted Object.prototype holds)
  setOwn(report, 'identity', identity);
  setOwn(report, 'configuration', matchConfiguration(identity, authMode));
  report.diagnosis.push(...diagnoseIdentity(identity));
  report.ok = !report.diagnosis.some((d) => d.severity === 'error');
  return report;
}
