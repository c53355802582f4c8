/**
 * The base64 limit the README states: inside a longer base64 text a secret is found at any byte
 * alignment from 7 bytes (UTF-8) on; a shorter one only when its base64 stands alone (a core of under
 * 8 characters would match random base64 text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactText } from '../../src/errors/redact.js';
import { SecretSet } from '../../src/errors/secrets.js';

/** Base64 of `secret` at byte offset `offset` (mod 3) of a longer text, followed by each byte value in turn. */
function embeddings(secret: string, offset: number): string[] {
  return ['"}', '\u0000x', '\u007f~', 'zz'].map((after) => Buffer.from(`${'p'.repeat(3 + offset)}${secret}${after}tail`).toString('base64'));
}

test('7 bytes or more: removed from a longer base64 text at every alignment, whatever follows', () => {
  for (const secret of ['Hq7!xZ9', 'é-Hq7!x', 'Hq7!xZ9k-longer']) {
    const set = new SecretSet();
    set.add(secret);
    for (const offset of [0, 1, 2]) for (const text of embeddings(secret, offset)) assert.notEqual(redactText(text, set), text, `${secret} at offset ${offset}: ${text}`);
  }
});

test('4 to 6 bytes: removed when their base64 stands alone, not at every alignment inside a longer one', () => {
  for (const secret of ['Hq7!', 'Hq7!x', 'Hq7!xZ']) {
    const set = new SecretSet();
    set.add(secret);
    const alone = Buffer.from(secret).toString('base64');
    assert.equal(redactText(`token ${alone} end`, set), 'token [REDACTED] end', secret);
    const missed = [0, 1, 2].flatMap((offset) => embeddings(secret, offset)).filter((text) => redactText(text, set) === text);
    assert.ok(missed.length > 0, `${secret}: the README's limit no longer holds (every alignment is found): update it`);
  }
});
