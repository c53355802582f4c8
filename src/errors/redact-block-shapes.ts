/**
 * Secrets found by the shape of what surrounds them rather than a `key: value` pair: the body of a PEM private key
 * block (anyone's key a server or proxy echoes, not only the client's own `ssl.key`), and Spring's binding message
 * for a secret field (`on field 'password': rejected value [S]`). Both scans are linear: each resumes after what it
 * consumed, and a closing marker is searched for again only once the scan has passed the one found.
 */
import { isSensitiveKey } from './sensitive-key.js';
import type { Span } from './spans.js';

// `-----BEGIN PRIVATE KEY-----`, `RSA`, `EC`, `DSA`, `OPENSSH`, `ENCRYPTED` ... variants.
const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----/g;
const PEM_END = '-----END ';

/** The text between a private key block's BEGIN and END lines (to the end of the text when it was cut before END). */
export function pemPrivateKeySpans(text: string, spans: Span[]): void {
  if (!text.includes('PRIVATE KEY-----')) return;
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m !== null; m = PEM_BEGIN.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf(PEM_END, start);
    spans.push([start, end < 0 ? text.length : end]);
    if (end < 0) return;
    PEM_BEGIN.lastIndex = end + PEM_END.length;
  }
}

// Spring's FieldError text: `Field error in object 'form' on field 'password': rejected value [S]; codes [...]`.
const REJECTED_VALUE = /on field '([^'\r\n]{1,100})': rejected value \[/g;
const CODES_AFTER = ']; codes [';

/** The rejected value of a Spring binding error on a secret field (up to `]; codes [`, else the next `]` or line end). */
export function rejectedValueSpans(text: string, spans: Span[]): void {
  if (!text.includes('rejected value [')) return;
  // The next `]; codes [`, `]` and line break at or after the scan position (-1: none left); starts only grow,
  // so a position found once stays the answer until the scan passes it.
  let codes = -2;
  let close = -2;
  let line = -2;
  const LINE = /[\r\n]/g;
  REJECTED_VALUE.lastIndex = 0;
  for (let m = REJECTED_VALUE.exec(text); m !== null; m = REJECTED_VALUE.exec(text)) {
    if (!isSensitiveKey(m[1] ?? '')) continue;
    const start = m.index + m[0].length;
    if (codes !== -1 && codes < start) codes = text.indexOf(CODES_AFTER, start);
    if (close !== -1 && close < start) close = text.indexOf(']', start);
    if (line !== -1 && line < start) {
      LINE.lastIndex = start;
      line = LINE.exec(text)?.index ?? -1;
    }
    const lineEnd = line < 0 ? text.length : line;
    const end = codes >= 0 && codes < lineEnd ? codes : close >= 0 && close < lineEnd ? close : lineEnd;
    spans.push([start, end]);
    REJECTED_VALUE.lastIndex = end;
  }
}
