/**
 * checkResolvedEndpoint, the check of the endpoint the AWS SDK resolved for a Cognito request: http:// to a host that
 * is not loopback is refused unless allowInsecureHttp, named by where it came from (auth.endpoints.<key>, the
 * AWS_ENDPOINT_URL* variable read now, else the shared config file's endpoint_url); https and loopback pass.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkResolvedEndpoint } from '../../src/auth/cognito.js';
import { ConfigError } from '../../src/errors/classes.js';

const refusal = (fn: () => void): ConfigError => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error;
  }
  assert.fail('not refused');
};

test('http to a non-loopback host is refused, named by its source', () => {
  const url = new URL('http://192.0.2.9:8080');
  const fromFile = refusal(() => checkResolvedEndpoint('cognitoIdp', url, false, false, {}));
  assert.equal(fromFile.option, 'endpoint_url');
  assert.match(fromFile.message, /^endpoint_url: the Cognito sign-in .* \(auth\.endpoints\.cognitoIdp is not set, so the AWS SDK uses the endpoint_url of the AWS shared config file .*\) would travel in clear text to 192\.0\.2\.9:8080; use https:\/\//);
  const fromVariable = refusal(() => checkResolvedEndpoint('cognitoIdentity', url, false, false, { AWS_ENDPOINT_URL: 'http://192.0.2.9:8080' }));
  assert.equal(fromVariable.option, 'AWS_ENDPOINT_URL');
  assert.match(fromVariable.message, /the Cognito id token .* so the AWS SDK uses AWS_ENDPOINT_URL\)/);
  const service = refusal(() => checkResolvedEndpoint('cognitoIdentity', url, false, false, { AWS_ENDPOINT_URL: 'https://x', AWS_ENDPOINT_URL_COGNITO_IDENTITY: 'http://192.0.2.9:8080' }));
  assert.equal(service.option, 'AWS_ENDPOINT_URL_COGNITO_IDENTITY');
  // the variables switched off: the SDK took it from elsewhere (the config file is switched off too, but name no variable)
  assert.equal(refusal(() => checkResolvedEndpoint('cognitoIdp', url, false, false, { AWS_ENDPOINT_URL: 'http://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).option, 'endpoint_url');
  assert.equal(refusal(() => checkResolvedEndpoint('cognitoIdp', url, true, false, {})).option, 'auth.endpoints.cognitoIdp');
});

test('allowInsecureHttp, https and loopback hosts pass', () => {
  for (const [href, allow] of [['http://192.0.2.9', true], ['https://192.0.2.9', false], ['http://127.0.0.1:9', false], ['http://localhost', false], ['http://[::1]:9', false]] as const) {
    for (const given of [true, false]) checkResolvedEndpoint('cognitoIdp', new URL(href), given, allow, {});
  }
  // not loopback: a name that only ends like one
  refusal(() => checkResolvedEndpoint('cognitoIdp', new URL('http://x.localhost'), false, false, {}));
});
