/**
 * A password echoed in an HTML page by escapers beyond `&<>"'` (Java's escapeHtml4 / Spring's HtmlUtils named entities
 * for Latin-1, Greek and the HTML 4.0 extended set, PHP's `&#039;`, numeric references for every non-alphanumeric
 * character, decimal or hex) is redacted by value (review 203: `P&auml;sswort`, `Kx9&euro;`, `O&#039;Brien` leaked).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretSet } from '../../src/errors/secrets.js';
import { redactText } from '../../src/errors/redact.js';

const PASSWORDS = ["Pässwort-Kx9!zz", 'Kx9€-Sommer2026', "O'Brien-Kx9!zz", 'Λόγος-σοφίας-ς9', 'Œuvre—“quoted”™x'];

/** What the escapers named above write. */
function escapings(pw: string): Record<string, string> {
  const code = (c: string): number => c.codePointAt(0) as number;
  const named: Record<string, string> = { 'ä': 'auml', '€': 'euro', "'": '#039', 'Λ': 'Lambda', 'γ': 'gamma', 'ο': 'omicron', 'φ': 'phi', 'α': 'alpha', 'σ': 'sigma', 'ς': 'sigmaf', 'Œ': 'OElig', '—': 'mdash', '“': 'ldquo', '”': 'rdquo', '™': 'trade' };
  return {
    // escapeHtml4 leaves a character outside its tables (accented Greek) as it is
    named: Array.from(pw, (c) => (named[c] ? `&${named[c]};` : c)).join(''),
    decimalAll: Array.from(pw, (c) => (/[A-Za-z0-9,.\-_ ]/.test(c) ? c : `&#${code(c)};`)).join(''),
    hexAll: Array.from(pw, (c) => (/[A-Za-z0-9,.\-_ ]/.test(c) ? c : `&#x${code(c).toString(16)};`)).join(''),
  };
}

for (const pw of PASSWORDS) {
  test(`HTML entity forms of ${JSON.stringify(pw)} are redacted`, () => {
    const set = new SecretSet();
    set.add(pw);
    for (const [style, form] of Object.entries(escapings(pw))) {
      const page = `<html><body><p>login failed for user bob with password ${form}</p></body></html>`;
      const out = redactText(page, [set]);
      // nothing of the password's escaped form is left beyond a few characters of its start
      assert.ok(!out.includes(form.slice(4)), `${style}: ${out}`);
      assert.ok(out.includes('login failed for user bob'), out);
    }
  });
}
