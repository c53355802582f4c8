/**
 * Cognito pool ids start with their region, read in the one region shape auth.region is checked with
 * (client/options-check.ts REGION_SHAPE). Before, the pool-id patterns allowed only two-letter region prefixes while
 * REGION allows two to four: iam took `eusc-de-east-1` (the AWS European Sovereign Cloud, partition aws-eusc) and
 * cognito refused `eusc-de-east-1_AbC123` as "does not look like <region>_<id>" (helper 216, finding 5).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateOptions } from '../../src/client/options.js';
import { fromEnv } from '../../src/client/from-env.js';
import { ConfigError } from '../../src/errors/classes.js';
import { REGION } from '../../src/client/options-check.js';

const NODE = 'https://search-x.eusc-de-east-1.es.amazonaws.eu';
const UUID = '11111111-2222-3333-4444-555555555555';

function cognito(region: string, userPoolId: string, identityPoolId: string): Parameters<typeof validateOptions>[0] {
  return { node: NODE, auth: { mode: 'cognito', region, userPoolId, clientId: 'abc123', identityPoolId, username: 'u', password: 'p-123456789' } };
}

function refusal(run: () => void): ConfigError | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
}

test('an EU Sovereign Cloud user pool and identity pool are accepted, as auth.region is', () => {
  assert.equal(refusal(() => validateOptions(cognito('eusc-de-east-1', 'eusc-de-east-1_AbC123', `eusc-de-east-1:${UUID}`), {})), undefined);
});

test('the user pool\'s region must still be auth.region, a four-letter prefix named whole', () => {
  const err = refusal(() => validateOptions(cognito('eu-central-1', 'eusc-de-east-1_AbC123', `eusc-de-east-1:${UUID}`), {}));
  assert.equal(err?.option, 'auth.userPoolId');
  assert.match(err.message, /names the region "eusc-de-east-1" but auth\.region .* is "eu-central-1"/);
});

test('fromEnv: the user pool\'s region is read from an eusc pool id when COGNITO_REGION is not set', () => {
  const options = fromEnv({
    OPENSEARCH_URL: NODE, OPENSEARCH_AUTH: 'cognito', AWS_REGION: 'eu-central-1', COGNITO_USER_POOL_ID: 'eusc-de-east-1_AbC123',
    COGNITO_CLIENT_ID: 'abc123', COGNITO_IDENTITY_POOL_ID: `eusc-de-east-1:${UUID}`, COGNITO_USERNAME: 'u', COGNITO_PASSWORD: 'p-123456789',
  });
  assert.equal((options.auth as { region?: string }).region, 'eusc-de-east-1');
});

test('a pool id prefix is accepted exactly when auth.region accepts it as a region', () => {
  const label = fc.stringMatching(/^[a-z]{1,6}$/);
  const region = fc.tuple(fc.stringMatching(/^[a-z]{1,5}$/), fc.array(label, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 120 }))
    .map(([head, mid, n]) => `${head}-${mid.join('-')}-${n}`);
  fc.assert(fc.property(region, (r) => {
    const asRegion = REGION.test(r);
    const user = refusal(() => validateOptions(cognito(asRegion ? r : 'us-east-1', `${r}_AbC123`, `us-east-1:${UUID}`), {}));
    const identity = refusal(() => validateOptions(cognito('us-east-1', 'us-east-1_AbC123', `${r}:${UUID}`), {}));
    assert.equal(user === undefined, asRegion, `userPoolId ${r}_AbC123: ${user?.message}`);
    assert.equal(identity === undefined, asRegion, `identityPoolId ${r}:${UUID}: ${identity?.message}`);
  }), { numRuns: 400, seed: 220 });
});
