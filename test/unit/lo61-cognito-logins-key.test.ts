/**
 * The identity pool's Logins key is the id token's issuer without https:// when the token names the pool at a
 * cognito-idp host (China's `.amazonaws.com.cn`, the European Sovereign Cloud's `.amazonaws.eu`), else the commercial
 * form; a token naming another pool, another host or no issuer never changes it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jwtExpiry, loginsKey } from '../../src/auth/cognito-sign-in.js';

const jwt = (claims: unknown): string => `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

test('the issuer of a token for this pool is the key, in every partition', () => {
  assert.equal(loginsKey('cn-northwest-1', 'cn-northwest-1_Ab1', jwt({ iss: 'https://cognito-idp.cn-northwest-1.amazonaws.com.cn/cn-northwest-1_Ab1' })), 'cognito-idp.cn-northwest-1.amazonaws.com.cn/cn-northwest-1_Ab1');
  assert.equal(loginsKey('eusc-de-east-1', 'eusc-de-east-1_Ab1', jwt({ iss: 'https://cognito-idp.eusc-de-east-1.amazonaws.eu/eusc-de-east-1_Ab1' })), 'cognito-idp.eusc-de-east-1.amazonaws.eu/eusc-de-east-1_Ab1');
  assert.equal(loginsKey('us-east-1', 'us-east-1_Ab1', jwt({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab1' })), 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab1');
});

test('anything else keeps the commercial form', () => {
  const fallback = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab1';
  for (const token of [
    jwt({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }),
    jwt({ iss: 'https://evil.example.com/us-east-1_Ab1' }),
    jwt({ iss: 'http://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab1' }),
    jwt({ iss: 42 }), jwt([1]), jwt(null), 'not-a-jwt', 'a.!!!.b', '',
  ]) {
    assert.equal(loginsKey('us-east-1', 'us-east-1_Ab1', token), fallback, token);
  }
  assert.equal(loginsKey('us-east-1', 'us-east-1_Ab1'), fallback);
});

test('a token claim named like a prototype key is not read through Object.prototype', () => {
  const proto = Object.prototype as Record<string, unknown>;
  proto.iss = 'https://cognito-idp.x.example/us-east-1_Ab1';
  proto.exp = 1;
  try {
    assert.equal(loginsKey('us-east-1', 'us-east-1_Ab1', jwt({})), 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab1');
    assert.equal(jwtExpiry(jwt({})), undefined);
  } finally {
    delete proto.iss;
    delete proto.exp;
  }
  assert.equal(jwtExpiry(jwt({ exp: 2 }))?.getTime(), 2000);
});
