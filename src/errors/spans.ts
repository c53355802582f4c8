/** Stretches of a text to replace (the spans redaction finds), and replacing them: one pass over the ORIGINAL text. */

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

/** A stretch `[start, end)` of a text to replace with REDACTED (`start === end`: REDACTED is inserted there). */
export type Span = readonly [number, number];

/** For every match of the global `pattern` that `keep` accepts, the span of its group `group` (0: the whole match). */
export function groupSpans(text: string, pattern: RegExp, group: number, spans: Span[], keep: (m: RegExpExecArray) => boolean = () => true): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const at = group === 0 ? ([m.index, m.index + m[0].length] as const) : m.indices?.[group];
    if (at !== undefined && keep(m)) spans.push([at[0], at[1]]);
  }
}

// Runs of JWT characters (dots included): the JWT inside one is found by jwtSpans.
const JWT_RUN = /[A-Za-z0-9_.-]{13,}/g;

/**
 * JWTs (`eyJ` + 4 or more characters, a dot, 4 or more, a dot, the signature), found segment by segment inside
 * each run of JWT characters: a pattern with that shape retried every `eyJ` of a dot-less run to its end (quadratic).
 * In a segment only the first `eyJ` at a word boundary can start one (any later start leaves a shorter header).
 */
export function jwtSpans(text: string, spans: Span[]): void {
  JWT_RUN.lastIndex = 0;
  for (let m = JWT_RUN.exec(text); m !== null; m = JWT_RUN.exec(text)) {
    const run = m[0];
    if (!run.includes('eyJ') || run.indexOf('.') === run.lastIndexOf('.')) continue;
    const segments = run.split('.');
    const starts: number[] = [];
    for (let i = 0, at = m.index; i < segments.length; at += (segments[i] as string).length + 1, i++) starts.push(at);
    for (let i = 0; i + 2 < segments.length; i++) {
      const header = segments[i] as string;
      let k = header.indexOf('eyJ');
      while (k > 0 && header[k - 1] !== '-') k = header.indexOf('eyJ', k + 1);
      if (k < 0 || header.length - k - 3 < 4 || (segments[i + 1] as string).length < 4) continue;
      spans.push([(starts[i] as number) + k, (starts[i + 2] as number) + (segments[i + 2] as string).length]);
      i += 2;
    }
  }
}

/** `spans` sorted and joined: overlapping ones, and an insertion at a span's edge, become one. */
function merged(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = out[out.length - 1];
    if (last !== undefined && (start < last[1] || start === last[0] || (start === last[1] && start === end))) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** `text` with every span replaced by REDACTED. */
export function replaceSpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const [start, end] of merged(spans)) {
    out += `${text.slice(copied, start)}${REDACTED}`;
    copied = end;
  }
  return out + text.slice(copied);
}

/** `text` with each span covered by a filler of its length (positions hold) that, like REDACTED, is no key, quote or brace. */
export function masked(text: string, spans: Span[]): string {
  let out = '';
  let copied = 0;
  for (const [start, end] of merged(spans)) {
    const length = end - start;
    out += `${text.slice(copied, start)}${length >= 2 ? `[${'R'.repeat(length - 2)}]` : 'R'.repeat(length)}`;
    copied = end;
  }
  return out + text.slice(copied);
}

/** True when `[start, end)` lies within one of `spans` (sorted by start, not overlapping: a global regex's matches): a binary search, so a long text with many matches stays linear. */
export function inside(spans: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Span)[0] <= start) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found >= 0 && (spans[found] as Span)[1] >= end;
}
