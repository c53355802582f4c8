/** The iam mode's spec: options, validation, environment variables (no SigV4 or credential code: that is iam.ts). */
import { envFail, type EnvReader } from '../client/from-env-read.js';
import { fail } from '../client/options-check.js';
import { checkCredentialsOption } from './aws-credentials.js';
import type { IamAuthOptions } from './iam.js';
import type { AuthModeDefinition, EnvContext } from './mode.js';
import { hostRegion, isBareHost, readEnvRegions, resolveScope, SIGNED_REQUESTS, type AwsService } from './sigv4/scope.js';
import { hasField } from '../errors/own.js';
import { credentialSecrets } from './secret-keys.js';

/** The iam mode's spec: options, validation, environment variables. */
export const iamMode: AuthModeDefinition<IamAuthOptions> = {
  mode: 'iam',
  description: 'SigV4 with AWS credentials',
  keys: ['mode', 'region', 'service', 'credentials', 'signingHost'],
  carries: SIGNED_REQUESTS,
  validate(auth, { nodes, env }) {
    const given = auth as unknown as Record<string, unknown>;
    if (hasField(given, 'username') || hasField(given, 'password')) fail('auth', 'IAM auth and basic credentials cannot both be used: a signed request cannot also carry a password');
    checkCredentialsOption(given.credentials);
    return { signing: resolveScope({ region: given.region, service: given.service, signingHost: given.signingHost }, nodes, env) };
  },
  env: [
    { name: 'OPENSEARCH_REGION', option: 'auth.region' },
    { name: 'AWS_REGION', option: 'auth.region' },
    { name: 'AWS_DEFAULT_REGION', option: 'auth.region' },
    { name: 'OPENSEARCH_SERVICE', option: 'auth.service' },
    { name: 'OPENSEARCH_SIGNING_HOST', option: 'auth.signingHost' },
  ],
  fromEnv(read: EnvReader, { nodes }: EnvContext) {
    const { domain, environment } = readEnvRegions(read);
    const service = read.oneOf<AwsService>('OPENSEARCH_SERVICE', ['es', 'aoss']);
    const signingHost = read.string('OPENSEARCH_SIGNING_HOST');
    // OPENSEARCH_REGION is explicit (checked against the host); AWS_REGION is only the fallback createClient uses,
    // kept when the host names no region or the same one: a Lambda's own region (always set) may differ from the domain's
    const fromHost = hostRegion(nodes, signingHost);
    const region = domain ?? (fromHost === undefined || fromHost === environment ? environment : undefined);
    if (region === undefined && fromHost === undefined && (signingHost === undefined || isBareHost(signingHost))) {
      envFail('AWS_REGION', `is not set and IAM signing needs a region: the ${signingHost !== undefined ? 'OPENSEARCH_SIGNING_HOST' : 'OPENSEARCH_URL'} host names none; set OPENSEARCH_REGION (the domain's region, e.g. "us-east-1") or AWS_REGION`);
    }
    return {
      mode: 'iam',
      ...(region !== undefined ? { region } : {}),
      ...(service !== undefined ? { service } : {}),
      ...(signingHost !== undefined ? { signingHost } : {}),
    };
  },
  secrets: (auth) => credentialSecrets(auth.credentials),
};
