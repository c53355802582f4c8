/**
 * `java.util.regex` semantics on top of JavaScript RegExp: a parser for Java pattern syntax that
 * emits an equivalent `u`-flag RegExp, plus `Matcher.replaceAll` and `Matcher.matches` emulation.
 *
 * Constructs whose Java behaviour JavaScript cannot reproduce exactly (possessive quantifiers,
 * atomic groups, class intersections, Unicode blocks, comments mode, JDK-version dependent
 * `\b`/`\R`, stale captures of repeated groups, matches starting inside a surrogate pair, ...)
 * raise `UnsupportedJavaRegexError` rather than returning something that might differ.
 * Syntax the JDK rejects raises `JavaPatternSyntaxError` with the JDK's wording.
 */
import { JavaPatternSyntaxError, MaskingExpressionError, UnsupportedJavaRegexError } from './errors.js';

/** A compiled Java pattern. */
export interface JavaRegex {
  /** The Java pattern source. */
  readonly source: string;
  /** The equivalent JavaScript pattern (to be used with the `u` flag). */
  readonly jsSource: string;
  /** Number of capturing groups (Java `groupCount()`). */
  readonly groupCount: number;
  /** Named groups -> group number. */
  readonly namedGroups: ReadonlyMap<string, number>;
  /** Analysis used by javaReplaceAll to refuse cases JavaScript would answer differently. */
  readonly info: JavaRegexInfo;
}

/** What a compiled pattern needs checked at match time. */
export interface JavaRegexInfo {
  mayMatchMidPair: boolean;
  hasSupplementaryLiteral: boolean;
  usesWordBoundary: boolean;
  /** group number -> reason the group's value may differ between Java and JS (only if referenced). */
  unstableGroups: Map<number, string>;
}

// ---------------------------------------------------------------------------------------------
// Character sets

type Range = [number, number];

interface CharSet {
  ranges: Range[];
  /** JS property escapes such as `\p{L}` or `\P{Lu}` */
  props: string[];
  negated: boolean;
  /** true when the set is case-dependent in a way ASCII folding cannot model (case properties). */
  caseProperty?: boolean;
}

const MAX_CP = 0x10ffff;
const LOW_SUR: Range = [0xdc00, 0xdfff];

function normalizeRanges(rs: Range[]): Range[] {
  const sorted = rs.map((r) => [r[0], r[1]] as Range).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

function complement(rs: Range[]): Range[] {
  const n = normalizeRanges(rs);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of n) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

function setOf(...rs: Array<number | Range>): CharSet {
  return { ranges: rs.map((r) => (typeof r === 'number' ? [r, r] : r)), props: [], negated: false };
}

const cp = (s: string): number => s.codePointAt(0) as number;

const SETS = {
  digit: setOf([0x30, 0x39]),
  word: setOf([0x30, 0x39], [0x41, 0x5a], 0x5f, [0x61, 0x7a]),
  space: setOf(0x20, [0x09, 0x0d]),
  hspace: setOf(0x20, 0x09, 0xa0, 0x1680, 0x180e, [0x2000, 0x200a], 0x202f, 0x205f, 0x3000),
  vspace: setOf([0x0a, 0x0d], 0x85, 0x2028, 0x2029),
};

/** POSIX classes (US-ASCII only, as in the JDK without UNICODE_CHARACTER_CLASS). */
const POSIX: Record<string, CharSet> = {
  Lower: { ...setOf([0x61, 0x7a]), caseProperty: true },
  Upper: { ...setOf([0x41, 0x5a]), caseProperty: true },
  ASCII: setOf([0x00, 0x7f]),
  Alpha: setOf([0x41, 0x5a], [0x61, 0x7a]),
  Digit: setOf([0x30, 0x39]),
  Alnum: setOf([0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]),
  Punct: setOf([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]),
  Graph: setOf([0x21, 0x7e]),
  Print: setOf([0x20, 0x7e]),
  Blank: setOf(0x20, 0x09),
  Cntrl: setOf([0x00, 0x1f], 0x7f),
  XDigit: setOf([0x30, 0x39], [0x41, 0x46], [0x61, 0x66]),
  Space: setOf(0x20, [0x09, 0x0d]),
};

const GENERAL_CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'LC', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd',
  'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'S', 'Sm', 'Sc', 'Sk', 'So', 'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Co', 'Cs', 'Cn',
]);
const CASE_CATEGORIES = new Set(['Lu', 'Ll', 'Lt', 'LC']);

const propSet = (js: string, caseProperty = false): CharSet => ({ ranges: [], props: [js], negated: false, caseProperty });

/** `java.lang.Character`-style and binary properties with an exact JS equivalent. */
const NAMED_PROPS: Record<string, CharSet> = {
  javaLowerCase: propSet('\\p{Lowercase}', true),
  javaUpperCase: propSet('\\p{Uppercase}', true),
  javaLetter: propSet('\\p{L}'),
  javaDigit: propSet('\\p{Nd}'),
  javaLetterOrDigit: { ranges: [], props: ['\\p{L}', '\\p{Nd}'], negated: false },
  javaAlphabetic: propSet('\\p{Alphabetic}'),
  javaIdeographic: propSet('\\p{Ideographic}'),
  javaWhitespace: setOf([0x09, 0x0d], [0x1c, 0x20], 0x1680, [0x2000, 0x2006], [0x2008, 0x200a], 0x2028, 0x2029, 0x205f, 0x3000),
  IsAlphabetic: propSet('\\p{Alphabetic}'),
  IsIdeographic: propSet('\\p{Ideographic}'),
  IsLetter: propSet('\\p{L}'),
  IsLowercase: propSet('\\p{Lowercase}', true),
  IsUppercase: propSet('\\p{Uppercase}', true),
  IsPunctuation: propSet('\\p{P}'),
  IsControl: propSet('\\p{Cc}'),
  IsDigit: propSet('\\p{Nd}'),
  IsWhite_Space: propSet('\\p{White_Space}'),
  IsWhiteSpace: propSet('\\p{White_Space}'),
};

function setMayMatchLowSurrogate(s: CharSet): boolean {
  const inRanges = s.ranges.some(([lo, hi]) => lo <= LOW_SUR[1] && hi >= LOW_SUR[0]);
  if (s.negated) {
    const covered = normalizeRanges(s.ranges).some(([lo, hi]) => lo <= LOW_SUR[0] && hi >= LOW_SUR[1]);
    return !covered;
  }
  if (inRanges) return true;
  return s.props.some((p) => /^\\P/.test(p) ? !/\{(Cs|C)\}$/.test(p) : /\{(Cs|C|gc=Cs|gc=C)\}$/.test(p));
}

/** Adds the other ASCII case of every ASCII letter in the ranges (Java CASE_INSENSITIVE without UNICODE_CASE). */
function asciiFold(rs: Range[]): Range[] {
  const extra: Range[] = [];
  for (const [lo, hi] of rs) {
    for (const [a, b, delta] of [[0x41, 0x5a, 0x20], [0x61, 0x7a, -0x20]] as const) {
      const l = Math.max(lo, a);
      const h = Math.min(hi, b);
      if (l <= h) extra.push([l + delta, h + delta]);
    }
  }
  return normalizeRanges([...rs, ...extra]);
}

const hex = (n: number): string => n.toString(16).toUpperCase();
const esc = (c: number): string => {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return String.fromCharCode(c);
  return `\\u{${hex(c)}}`;
};

function rangesToClassBody(rs: Range[]): string {
  return normalizeRanges(rs).map(([lo, hi]) => (lo === hi ? esc(lo) : `${esc(lo)}-${esc(hi)}`)).join('');
}

// ---------------------------------------------------------------------------------------------
// AST

type Node =
  | { t: 'seq'; items: Node[]; parent?: Node }
  | { t: 'alt'; branches: Node[]; parent?: Node }
  | { t: 'group'; kind: 'cap' | 'nc' | 'la' | 'nla' | 'lb' | 'nlb'; index?: number; body: Node; parent?: Node }
  | { t: 'quant'; min: number; max: number; lazy: boolean; body: Node; parent?: Node }
  | { t: 'char'; js: string; lowSur: boolean; parent?: Node }
  | { t: 'assert'; js: string; midPair: 'fail' | 'pass'; parent?: Node }
  | { t: 'backref'; index: number; never?: boolean; parent?: Node };

interface Flags { i: boolean; m: boolean; s: boolean; d: boolean }


// ---------------------------------------------------------------------------------------------
// Parser

/** Java's RemoveQEQuoting: turns `\Q...\E` into escaped literals before parsing. */
function removeQE(p: string): string {
  if (!p.includes('\\Q')) return p;
  let out = '';
  let i = 0;
  while (i < p.length) {
    if (p[i] === '\\' && p[i + 1] === 'Q') {
      i += 2;
      while (i < p.length && !(p[i] === '\\' && p[i + 1] === 'E')) {
        const c = p.codePointAt(i) as number;
        const ch = String.fromCodePoint(c);
        if (/[A-Za-z0-9]/.test(ch) || c > 0x7f) out += ch;
        else out += `\\${ch}`;
        i += ch.length;
      }
      if (i < p.length) i += 2;
    } else if (p[i] === '\\') {
      out += p.slice(i, i + 2);
      i += 2;
    } else {
      out += p[i];
      i += 1;
    }
  }
  return out;
}

class Parser {
  private readonly cps: number[];
  private pos = 0;
  private flags: Flags = { i: false, m: false, s: false, d: false };
  groupCount = 0;
  readonly names = new Map<string, number>();
  private readonly closed = new Set<number>();
  readonly groups = new Map<number, Node>();
  readonly backrefs: Array<{ node: Node; closedAtRef: boolean; ci: boolean }> = [];
  usesWordBoundary = false;
  private lookbehindDepth = 0;

  constructor(private readonly pattern: string, private readonly original: string) {
    this.cps = Array.from(pattern, (ch) => ch.codePointAt(0) as number);
  }

  private peek(off = 0): number | undefined { return this.cps[this.pos + off]; }
  private next(): number | undefined {
    if (this.pos >= this.cps.length) return undefined;
    return this.cps[this.pos++];
  }
  private syntax(desc: string, index = this.pos): never { throw new JavaPatternSyntaxError(desc, this.original, index); }
  private unsupported(feature: string, detail?: string): never { throw new UnsupportedJavaRegexError(feature, this.original, detail); }

  parse(): Node {
    const root = this.parseAlt();
    if (this.pos < this.cps.length) {
      if (this.peek() === cp(')')) this.syntax("Unmatched closing ')'", this.pos - 1 < 0 ? 0 : this.pos - 1);
      this.syntax('Unexpected internal error');
    }
    return root;
  }

  private parseAlt(): Node {
    const branches: Node[] = [this.parseSeq()];
    while (this.peek() === cp('|')) {
      this.pos++;
      branches.push(this.parseSeq());
    }
    return branches.length === 1 ? (branches[0] as Node) : { t: 'alt', branches };
  }

  private parseSeq(): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === cp('|') || c === cp(')')) break;
      const atom = this.parseAtom();
      if (atom === null) continue;
      items.push(this.parseQuantifier(atom));
    }
    return { t: 'seq', items };
  }

  private parseQuantifier(atom: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === cp('*')) { min = 0; max = Infinity; this.pos++; }
    else if (c === cp('+')) { min = 1; max = Infinity; this.pos++; }
    else if (c === cp('?')) { min = 0; max = 1; this.pos++; }
    else if (c === cp('{')) {
      this.pos++;
      const d = this.peek();
      if (d === undefined || d < 0x30 || d > 0x39) this.syntax('Illegal repetition');
      min = this.readInt();
      max = min;
      if (this.peek() === cp(',')) {
        this.pos++;
        const e = this.peek();
        max = e !== undefined && e >= 0x30 && e <= 0x39 ? this.readInt() : Infinity;
      }
      if (this.peek() !== cp('}')) this.syntax('Unclosed counted closure');
      this.pos++;
      if (max < min) this.syntax('Illegal repetition range', this.pos - 1);
    } else {
      return atom;
    }
    let lazy = false;
    if (this.peek() === cp('?')) { lazy = true; this.pos++; }
    else if (this.peek() === cp('+')) this.unsupported('possessive quantifier', 'JavaScript has no possessive quantifiers');
    if (atom.t === 'assert' || (atom.t === 'group' && atom.kind !== 'cap' && atom.kind !== 'nc')) {
      this.unsupported('quantified zero-width assertion');
    }
    return { t: 'quant', min, max, lazy, body: atom };
  }

  private readInt(): number {
    let n = 0;
    let digits = 0;
    for (let d = this.peek(); d !== undefined && d >= 0x30 && d <= 0x39; d = this.peek()) {
      n = n * 10 + (d - 0x30);
      digits++;
      this.pos++;
      if (n > 0x7fffffff) this.syntax('Illegal repetition');
    }
    if (digits === 0) this.syntax('Illegal repetition');
    return n;
  }

  private literal(c: number): Node {
    if (this.flags.i && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) {
      const other = c ^ 0x20;
      return { t: 'char', js: `[${esc(c)}${esc(other)}]`, lowSur: false };
    }
    return { t: 'char', js: esc(c), lowSur: c >= LOW_SUR[0] && c <= LOW_SUR[1] };
  }

  private setNode(set: CharSet): Node {
    return { t: 'char', js: this.emitSet(set), lowSur: setMayMatchLowSurrogate(set) };
  }

  private foldSet(set: CharSet): CharSet {
    if (!this.flags.i) return set;
    if (set.caseProperty) this.unsupported('case-dependent property with CASE_INSENSITIVE', 'the JDK folds case properties in its own way');
    return { ...set, ranges: asciiFold(set.ranges) };
  }

  private emitSet(set: CharSet): string {
    const s = this.foldSet(set);
    if (!s.negated && s.props.length === 1 && s.ranges.length === 0) return s.props[0] as string;
    const body = rangesToClassBody(s.ranges) + s.props.join('');
    if (body === '') return s.negated ? '[\\s\\S]' : '[]';
    return `[${s.negated ? '^' : ''}${body}]`;
  }

  private dot(): Node {
    if (this.flags.s) return { t: 'char', js: '[\\s\\S]', lowSur: true };
    if (this.flags.d) return { t: 'char', js: '[^\\n]', lowSur: true };
    return { t: 'char', js: '[^\\n\\r\\u0085\\u2028\\u2029]', lowSur: true };
  }

  private parseAtom(): Node | null {
    const c = this.next() as number;
    switch (c) {
      case cp('('): return this.parseGroup();
      case cp('['): return this.setNode(this.parseClass());
      case cp('.'): return this.dot();
      case cp('^'):
        if (!this.flags.m) return { t: 'assert', js: '(?<![\\s\\S])', midPair: 'fail' };
        if (this.flags.d) return { t: 'assert', js: '(?=[\\s\\S])(?:(?<![\\s\\S])|(?<=\\n))', midPair: 'fail' };
        return { t: 'assert', js: '(?=[\\s\\S])(?:(?<![\\s\\S])|(?<=[\\n\\u0085\\u2028\\u2029])|(?<=\\r)(?!\\n))', midPair: 'fail' };
      case cp('$'): return this.dollar(this.flags.m);
      case cp('*'): case cp('+'): case cp('?'):
        return this.syntax(`Dangling meta character '${String.fromCodePoint(c)}'`, this.pos - 1);
      case cp('{'): {
        const d = this.peek();
        if (d !== undefined && d >= 0x30 && d <= 0x39) this.unsupported('counted quantifier without an operand');
        return this.syntax('Illegal repetition');
      }
      case cp('\\'): return this.parseEscape();
      default: return this.literal(c);
    }
  }

  private dollar(multiline: boolean): Node {
    if (this.flags.d) {
      return multiline
        ? { t: 'assert', js: '(?=\\n|(?![\\s\\S]))', midPair: 'fail' }
        : { t: 'assert', js: '(?=\\n?(?![\\s\\S]))', midPair: 'fail' };
    }
    if (multiline) return { t: 'assert', js: '(?:(?![\\s\\S])|(?=[\\r\\u0085\\u2028\\u2029])|(?<!\\r)(?=\\n))', midPair: 'fail' };
    return {
      t: 'assert',
      js: '(?:(?![\\s\\S])|(?=[\\r\\u0085\\u2028\\u2029](?![\\s\\S]))|(?<!\\r)(?=\\n(?![\\s\\S]))|(?=\\r\\n(?![\\s\\S])))',
      midPair: 'fail',
    };
  }

  private parseGroup(): Node | null {
    const saved = { ...this.flags };
    let kind: 'cap' | 'nc' | 'la' | 'nla' | 'lb' | 'nlb' = 'cap';
    let name: string | undefined;
    if (this.peek() === cp('?')) {
      this.pos++;
      const c = this.next();
      if (c === cp(':')) kind = 'nc';
      else if (c === cp('=')) kind = 'la';
      else if (c === cp('!')) kind = 'nla';
      else if (c === cp('>')) this.unsupported('atomic group', 'JavaScript has no atomic groups');
      else if (c === cp('<')) {
        const d = this.peek();
        if (d === cp('=')) { this.pos++; kind = 'lb'; }
        else if (d === cp('!')) { this.pos++; kind = 'nlb'; }
        else {
          name = this.groupName();
          if (this.names.has(name)) this.syntax(`Named capturing group <${name}> is already defined`, this.pos - 1);
        }
      } else {
        this.pos--;
        const r = this.inlineFlags();
        if (r === 'only') return null;
        kind = 'nc';
      }
    }
    let index: number | undefined;
    if (kind === 'cap') {
      index = ++this.groupCount;
      if (name !== undefined) this.names.set(name, index);
    }
    if (kind === 'lb' || kind === 'nlb') this.lookbehindDepth++;
    const body = this.parseAlt();
    if (kind === 'lb' || kind === 'nlb') this.lookbehindDepth--;
    if (this.peek() !== cp(')')) this.syntax('Unclosed group', this.cps.length);
    this.pos++;
    this.flags = saved;
    const node: Node = { t: 'group', kind, body };
    if (index !== undefined) {
      node.index = index;
      this.groups.set(index, node);
      this.closed.add(index);
    }
    return node;
  }

  private groupName(): string {
    let s = '';
    const first = this.peek();
    if (first === undefined || !((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a))) {
      this.syntax('capturing group name does not start with a Latin letter');
    }
    for (let c = this.peek(); c !== undefined && /[A-Za-z0-9]/.test(String.fromCodePoint(c)); c = this.peek()) {
      s += String.fromCodePoint(c);
      this.pos++;
    }
    if (this.peek() !== cp('>')) this.syntax("named capturing group is missing trailing '>'");
    this.pos++;
    return s;
  }

  private inlineFlags(): 'only' | 'scoped' {
    let on = true;
    for (;;) {
      const c = this.next();
      if (c === undefined) this.syntax('Unknown inline modifier');
      const ch = String.fromCodePoint(c);
      if (ch === ')') return 'only';
      if (ch === ':') return 'scoped';
      if (ch === '-') { on = false; continue; }
      if (ch === 'i') this.flags.i = on;
      else if (ch === 'm') this.flags.m = on;
      else if (ch === 's') this.flags.s = on;
      else if (ch === 'd') this.flags.d = on;
      else if (ch === 'x') this.unsupported('COMMENTS flag (?x)');
      else if (ch === 'u') this.unsupported('UNICODE_CASE flag (?u)');
      else if (ch === 'U') this.unsupported('UNICODE_CHARACTER_CLASS flag (?U)');
      else this.syntax('Unknown inline modifier', this.pos - 1);
    }
  }

  /** Parses the escape after a backslash outside a class. */
  private parseEscape(): Node {
    const c = this.next();
    if (c === undefined) this.syntax('Unexpected internal error');
    const ch = String.fromCodePoint(c);
    if (ch >= '1' && ch <= '9') return this.backref(c - 0x30);
    switch (ch) {
      case 'A': return { t: 'assert', js: '(?<![\\s\\S])', midPair: 'fail' };
      case 'z': return { t: 'assert', js: '(?![\\s\\S])', midPair: 'fail' };
      case 'Z': return this.dollar(false);
      case 'b':
        if (this.peek() === cp('{')) this.unsupported('grapheme boundary \\b{g}');
        this.usesWordBoundary = true;
        return { t: 'assert', js: '\\b', midPair: 'fail' };
      case 'B':
        this.usesWordBoundary = true;
        return { t: 'assert', js: '\\B', midPair: 'pass' };
      case 'G': return this.unsupported('\\G (end of previous match)');
      case 'R': return this.unsupported('\\R linebreak matcher', 'its backtracking differs between JDK versions');
      case 'X': return this.unsupported('\\X grapheme cluster');
      case 'N': return this.unsupported('\\N{name} named character');
      case 'k': {
        if (this.next() !== cp('<')) this.syntax("\\k is not followed by '<' for named capturing group");
        const name = this.groupName();
        const idx = this.names.get(name);
        if (idx === undefined) this.syntax(`named capturing group <${name}> does not exist`, this.pos - 1);
        return this.makeBackref(idx);
      }
      default: {
        const set = this.escapeSet(ch);
        if (set) return this.setNode(set);
        return this.literal(this.escapeChar(ch, c));
      }
    }
  }

  private backref(first: number): Node {
    let ref = first;
    for (;;) {
      const d = this.peek();
      if (d === undefined || d < 0x30 || d > 0x39) break;
      const n = ref * 10 + (d - 0x30);
      if (this.groupCount < n) break;
      ref = n;
      this.pos++;
    }
    return this.makeBackref(ref);
  }

  private makeBackref(index: number): Node {
    if (this.flags.i) this.unsupported('back reference with CASE_INSENSITIVE');
    if (this.lookbehindDepth > 0) this.unsupported('back reference inside a lookbehind');
    const node: Node = { t: 'backref', index };
    this.backrefs.push({ node, closedAtRef: this.closed.has(index), ci: this.flags.i });
    return node;
  }

  /** Predefined/property classes; undefined when `ch` is not one. */
  private escapeSet(ch: string): CharSet | undefined {
    const neg = (s: CharSet): CharSet => ({ ...s, negated: !s.negated });
    switch (ch) {
      case 'd': return SETS.digit;
      case 'D': return neg(SETS.digit);
      case 'w': return SETS.word;
      case 'W': return neg(SETS.word);
      case 's': return SETS.space;
      case 'S': return neg(SETS.space);
      case 'h': return SETS.hspace;
      case 'H': return neg(SETS.hspace);
      case 'v': return SETS.vspace;
      case 'V': return neg(SETS.vspace);
      case 'p': return this.property(false);
      case 'P': return this.property(true);
      default: return undefined;
    }
  }

  private property(negated: boolean): CharSet {
    let name: string;
    const c = this.next();
    if (c === undefined) this.syntax('Illegal character property');
    if (c === cp('{')) {
      name = '';
      for (let d = this.next(); d !== cp('}'); d = this.next()) {
        if (d === undefined) this.syntax('Unclosed character family');
        name += String.fromCodePoint(d);
      }
    } else {
      name = String.fromCodePoint(c);
    }
    const set = this.propertySet(name);
    return negated ? { ...set, negated: !set.negated } : set;
  }

  private propertySet(name: string): CharSet {
    const eq = name.indexOf('=');
    if (eq >= 0) {
      const key = name.slice(0, eq).toLowerCase();
      const value = name.slice(eq + 1);
      if (key === 'script' || key === 'sc') {
        if (!/^[A-Za-z_]+$/.test(value)) this.syntax(`Unknown character script name {${value}}`);
        return propSet(`\\p{Script=${value}}`);
      }
      if (key === 'general_category' || key === 'gc') {
        if (!GENERAL_CATEGORIES.has(value)) this.syntax(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
        return propSet(`\\p{${value}}`, CASE_CATEGORIES.has(value));
      }
      if (key === 'block' || key === 'blk') this.unsupported('Unicode block property', 'JavaScript has no block properties');
      this.syntax(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
    }
    if (name.startsWith('In')) this.unsupported('Unicode block property', 'JavaScript has no block properties');
    const posix = POSIX[name];
    if (posix) return posix;
    const named = NAMED_PROPS[name];
    if (named) return named;
    const cat = name.startsWith('Is') ? name.slice(2) : name;
    if (GENERAL_CATEGORIES.has(cat)) return propSet(`\\p{${cat}}`, CASE_CATEGORIES.has(cat));
    if (name.startsWith('Is') && /^[A-Z][A-Za-z_]*$/.test(cat)) {
      // Java: IsXxx is a script name or a binary property; scripts are the common case.
      if (isJsScript(cat)) return propSet(`\\p{Script=${cat}}`);
      this.unsupported(`character property ${name}`);
    }
    if (name.startsWith('java')) this.unsupported(`character property ${name}`);
    return this.syntax(`Unknown character property name {${name}}`, this.pos - 1);
  }

  /** Single-character escapes (`\t`, `\x41`, `\u00e9`, `\0101`, `\cA`, `\.`). */
  private escapeChar(ch: string, c: number): number {
    switch (ch) {
      case 't': return 0x09;
      case 'n': return 0x0a;
      case 'r': return 0x0d;
      case 'f': return 0x0c;
      case 'a': return 0x07;
      case 'e': return 0x1b;
      case '0': return this.octal();
      case 'x': return this.hexEscape();
      case 'u': return this.unicodeEscape();
      case 'c': {
        const d = this.next();
        if (d === undefined) this.syntax('Illegal control escape sequence');
        return d ^ 64;
      }
      default:
        if (/[A-Za-z]/.test(ch)) this.syntax('Illegal/unsupported escape sequence', this.pos - 1);
        return c;
    }
  }

  private octal(): number {
    const isOct = (x: number | undefined): x is number => x !== undefined && x >= 0x30 && x <= 0x37;
    const n = this.peek();
    if (!isOct(n)) this.syntax('Illegal octal escape sequence');
    this.pos++;
    const m = this.peek();
    if (!isOct(m)) return n - 0x30;
    this.pos++;
    const o = this.peek();
    if (isOct(o) && n <= 0x33) {
      this.pos++;
      return (n - 0x30) * 64 + (m - 0x30) * 8 + (o - 0x30);
    }
    return (n - 0x30) * 8 + (m - 0x30);
  }

  private hexDigit(x: number | undefined): number {
    if (x === undefined) return -1;
    const s = String.fromCodePoint(x);
    return /^[0-9A-Fa-f]$/.test(s) ? parseInt(s, 16) : -1;
  }

  private hexEscape(): number {
    const first = this.peek();
    if (first === cp('{')) {
      this.pos++;
      let v = 0;
      let digits = 0;
      for (;;) {
        const d = this.next();
        if (d === cp('}')) break;
        const h = this.hexDigit(d);
        if (h < 0) this.syntax('Unclosed hexadecimal escape sequence');
        v = v * 16 + h;
        digits++;
        if (v > MAX_CP) this.syntax('Hexadecimal codepoint is too big', this.pos - 1);
      }
      if (digits === 0) this.syntax('Illegal hexadecimal escape sequence');
      return v;
    }
    const a = this.hexDigit(this.peek());
    const b = this.hexDigit(this.peek(1));
    if (a < 0 || b < 0) this.syntax('Illegal hexadecimal escape sequence');
    this.pos += 2;
    return a * 16 + b;
  }

  private unicodeEscape(): number {
    const four = (): number => {
      let v = 0;
      for (let k = 0; k < 4; k++) {
        const h = this.hexDigit(this.peek());
        if (h < 0) this.syntax('Illegal Unicode escape sequence');
        v = v * 16 + h;
        this.pos++;
      }
      return v;
    };
    const n = four();
    if (n >= 0xd800 && n <= 0xdbff) {
      const save = this.pos;
      if (this.peek() === cp('\\') && this.peek(1) === cp('u')) {
        this.pos += 2;
        try {
          const n2 = four();
          if (n2 >= 0xdc00 && n2 <= 0xdfff) return (n - 0xd800) * 0x400 + (n2 - 0xdc00) + 0x10000;
        } catch {
          // fall through: not a low surrogate escape
        }
      }
      this.pos = save;
    }
    return n;
  }

  /** Parses a character class after `[`. */
  private parseClass(): CharSet {
    const start = this.pos - 1;
    let negated = false;
    if (this.peek() === cp('^')) { negated = true; this.pos++; }
    const ranges: Range[] = [];
    const props: string[] = [];
    let caseProperty = false;
    let first = true;
    for (;;) {
      const c = this.next();
      if (c === undefined) this.syntax('Unclosed character class', this.cps.length - 1);
      if (c === cp(']') && !first) break;
      if (c === cp('[')) this.unsupported('nested character class (union)', `at index ${this.pos - 1}`);
      if (c === cp('&') && this.peek() === cp('&')) this.unsupported('character class intersection (&&)');
      first = false;
      let item: CharSet | number;
      if (c === cp('\\')) {
        const e = this.next();
        if (e === undefined) this.syntax('Unclosed character class', this.cps.length);
        const ech = String.fromCodePoint(e);
        if (ech === 'b' || ech === 'B' || ech === 'A' || ech === 'z' || ech === 'Z' || ech === 'G' || ech === 'R' || ech === 'X' || ech === 'k' || (ech >= '1' && ech <= '9')) {
          this.syntax('Illegal/unsupported escape sequence', this.pos - 1);
        }
        if (ech === 'N') this.unsupported('\\N{name} named character');
        item = this.escapeSet(ech) ?? this.escapeChar(ech, e);
      } else {
        item = c;
      }
      if (typeof item === 'number') {
        // range?
        if (this.peek() === cp('-') && this.peek(1) === undefined) this.syntax('Illegal character range', this.pos + 1);
        if (this.peek() === cp('-') && this.peek(1) !== undefined && this.peek(1) !== cp(']')) {
          this.pos++;
          let hiC = this.next() as number;
          if (hiC === cp('[')) this.unsupported('nested character class (union)');
          if (hiC === cp('\\')) {
            const e = this.next();
            if (e === undefined) this.syntax('Unexpected internal error');
            const ech = String.fromCodePoint(e);
            if (this.isSetEscape(ech)) this.syntax('Illegal character range', this.pos - 1);
            hiC = this.escapeChar(ech, e);
          }
          if (hiC < item) this.syntax('Illegal character range', this.pos - 1);
          ranges.push([item, hiC]);
        } else {
          ranges.push([item, item]);
        }
      } else {
        if (item.caseProperty) caseProperty = true;
        if (!item.negated) {
          ranges.push(...item.ranges);
          props.push(...item.props);
        } else if (item.props.length === 0) {
          ranges.push(...complement(item.ranges));
        } else if (item.props.length === 1 && item.ranges.length === 0) {
          const p = item.props[0] as string;
          props.push(p.startsWith('\\p') ? `\\P${p.slice(2)}` : `\\p${p.slice(2)}`);
        } else {
          this.unsupported('negated composite property inside a character class', `at index ${start}`);
        }
      }
    }
    return { ranges, props, negated, caseProperty };
  }

  private isSetEscape(ch: string): boolean {
    return 'dDwWsShHvVpP'.includes(ch);
  }
}

const KNOWN_SCRIPTS = new Set<string>();
function isJsScript(name: string): boolean {
  if (KNOWN_SCRIPTS.has(name)) return true;
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
    KNOWN_SCRIPTS.add(name);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Emission and analysis

function setParents(node: Node, parent?: Node): void {
  if (parent) node.parent = parent;
  switch (node.t) {
    case 'seq': node.items.forEach((n) => setParents(n, node)); break;
    case 'alt': node.branches.forEach((n) => setParents(n, node)); break;
    case 'group': case 'quant': setParents(node.body, node); break;
    default: break;
  }
}

function emit(node: Node): string {
  switch (node.t) {
    case 'seq': return node.items.map(emit).join('');
    case 'alt': return node.branches.map(emit).join('|');
    case 'group': {
      const open = { cap: '(', nc: '(?:', la: '(?=', nla: '(?!', lb: '(?<=', nlb: '(?<!' }[node.kind];
      return `${open}${emit(node.body)})`;
    }
    case 'quant': {
      const body = node.body.t === 'char' || node.body.t === 'group' || node.body.t === 'backref'
        ? emit(node.body) : `(?:${emit(node.body)})`;
      let q: string;
      if (node.min === 0 && node.max === Infinity) q = '*';
      else if (node.min === 1 && node.max === Infinity) q = '+';
      else if (node.min === 0 && node.max === 1) q = '?';
      else if (node.max === Infinity) q = `{${node.min},}`;
      else if (node.min === node.max) q = `{${node.min}}`;
      else q = `{${node.min},${node.max}}`;
      return body + q + (node.lazy ? '?' : '');
    }
    case 'char': return node.js;
    case 'assert': return node.js;
    case 'backref': return node.never ? '[]' : `(?:\\${node.index})`;
  }
}

/** Whether a match may start at a position inside a surrogate pair (Java tries such positions). */
function midPair(node: Node): { may: boolean; nullable: boolean } {
  switch (node.t) {
    case 'char': return { may: node.lowSur, nullable: false };
    case 'assert': return node.midPair === 'fail' ? { may: false, nullable: false } : { may: false, nullable: true };
    case 'backref': return node.never ? { may: false, nullable: false } : { may: true, nullable: true };
    case 'group':
      if (node.kind === 'cap' || node.kind === 'nc') return midPair(node.body);
      return { may: true, nullable: true };
    case 'quant': {
      const b = midPair(node.body);
      return { may: b.may, nullable: node.min === 0 || b.nullable };
    }
    case 'alt': {
      const rs = node.branches.map(midPair);
      return { may: rs.some((r) => r.may), nullable: rs.some((r) => r.nullable) };
    }
    case 'seq': {
      for (const item of node.items) {
        const r = midPair(item);
        if (r.may) return { may: true, nullable: false };
        if (!r.nullable) return { may: false, nullable: false };
      }
      return { may: true, nullable: true };
    }
  }
}

/** Whether group `g` participates in every successful match of `upTo` (its ancestor). */
function certain(g: Node, upTo: Node | undefined): boolean {
  let n: Node = g;
  while (n.parent && n.parent !== upTo) {
    const p: Node = n.parent;
    if (p.t === 'alt' && p.branches.length > 1) return false;
    if (p.t === 'quant' && p.min === 0) return false;
    if (p.t === 'group' && (p.kind === 'nla' || p.kind === 'nlb')) return false;
    n = p;
  }
  if (upTo && n.parent !== upTo) return false;
  return true;
}

/** Whether the node can match the empty string. */
function nullable(node: Node): boolean {
  switch (node.t) {
    case 'char': return false;
    case 'assert': return true;
    case 'backref': return !node.never;
    case 'group': return node.kind === 'cap' || node.kind === 'nc' ? nullable(node.body) : true;
    case 'quant': return node.min === 0 || nullable(node.body);
    case 'alt': return node.branches.some(nullable);
    case 'seq': return node.items.every(nullable);
  }
}

function walk(node: Node, fn: (n: Node) => void): void {
  fn(node);
  if (node.t === 'seq') node.items.forEach((n) => walk(n, fn));
  else if (node.t === 'alt') node.branches.forEach((n) => walk(n, fn));
  else if (node.t === 'group' || node.t === 'quant') walk(node.body, fn);
}

function ancestors(n: Node): Node[] {
  const out: Node[] = [];
  for (let p = n.parent; p; p = p.parent) out.push(p);
  return out;
}

const cache = new Map<string, JavaRegex>();

/** Compiles a Java pattern (as `Pattern.compile(p)` with no flags) into its JavaScript equivalent. */
export function compileJavaRegex(pattern: string): JavaRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const parser = new Parser(removeQE(pattern), pattern);
  const root = parser.parse();
  setParents(root);
  walk(root, (n) => {
    if (n.t === 'quant' && (n.max > 1 || n.min === 0) && nullable(n.body)) {
      throw new UnsupportedJavaRegexError('repeated group that can match the empty string', pattern,
        'Java stops at an empty iteration, JavaScript backtracks into it');
    }
  });

  const unstable = new Map<number, string>();
  for (const [index, g] of parser.groups) {
    const anc = ancestors(g);
    if (anc.some((a) => a.t === 'group' && a.kind === 'lb')) {
      unstable.set(index, 'capturing group inside a lookbehind (JavaScript matches lookbehinds right to left)');
      continue;
    }
    for (const a of anc) {
      if (a.t === 'quant' && a.max > 1 && !certain(g, a)) {
        unstable.set(index, 'capturing group that may be skipped inside a repeated group (Java keeps the previous iteration\'s value, JavaScript resets it)');
        break;
      }
    }
  }
  for (const br of parser.backrefs) {
    const node = br.node;
    if (node.t !== 'backref') continue;
    if (node.index > parser.groupCount) {
      // The JDK accepts a reference to a group that does not exist; it never matches.
      node.never = true;
      continue;
    }
    if (!br.closedAtRef) throw new UnsupportedJavaRegexError('forward or nested back reference', pattern, `\\${node.index}`);
    const g = parser.groups.get(node.index) as Node;
    const refAnc = new Set(ancestors(node));
    const lca = ancestors(g).find((a) => refAnc.has(a));
    if (!certain(g, lca)) {
      throw new UnsupportedJavaRegexError('back reference to an optional group', pattern,
        `\\${node.index}: Java fails where JavaScript matches the empty string`);
    }
    const why = unstable.get(node.index);
    if (why) throw new UnsupportedJavaRegexError('back reference', pattern, why);
  }
  const jsSource = emit(root);
  try {
    new RegExp(jsSource, 'u');
  } catch (e) {
    throw new UnsupportedJavaRegexError('pattern', pattern, `no JavaScript equivalent (${(e as Error).message})`);
  }
  const mp = midPair(root);
  const compiled: JavaRegex = {
    source: pattern,
    jsSource,
    groupCount: parser.groupCount,
    namedGroups: parser.names,
    info: {
      mayMatchMidPair: mp.may || mp.nullable,
      hasSupplementaryLiteral: /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(pattern),
      usesWordBoundary: parser.usesWordBoundary,
      unstableGroups: unstable,
    },
  };
  if (cache.size > 500) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Replacement strings (Matcher.appendReplacement)

type ReplPart = { lit: string } | { group: number };

/** Parses a Java replacement string; errors are reported like the JDK's at the first match. */
function parseReplacement(rx: JavaRegex, replacement: string): ReplPart[] {
  const parts: ReplPart[] = [];
  let lit = '';
  let i = 0;
  const fail = (msg: string): never => { throw new MaskingExpressionError(msg, replacement); };
  while (i < replacement.length) {
    const ch = replacement[i] as string;
    if (ch === '\\') {
      i++;
      if (i === replacement.length) fail('character to be escaped is missing');
      lit += replacement[i];
      i++;
    } else if (ch === '$') {
      i++;
      if (i === replacement.length) fail('Illegal group reference: group index is missing');
      let ref: number;
      if (replacement[i] === '{') {
        i++;
        let name = '';
        while (i < replacement.length && /[A-Za-z0-9]/.test(replacement[i] as string)) name += replacement[i++];
        if (name.length === 0) fail('named capturing group has 0 length name');
        if (replacement[i] !== '}') fail("named capturing group is missing trailing '}'");
        if (/^[0-9]/.test(name)) fail(`capturing group name {${name}} starts with digit character`);
        const idx = rx.namedGroups.get(name);
        if (idx === undefined) fail(`No group with name {${name}}`);
        ref = idx as number;
        i++;
      } else {
        const d = replacement.charCodeAt(i) - 0x30;
        if (d < 0 || d > 9) fail('Illegal group reference');
        ref = d;
        i++;
        while (i < replacement.length) {
          const n = replacement.charCodeAt(i) - 0x30;
          if (n < 0 || n > 9) break;
          const next = ref * 10 + n;
          if (rx.groupCount < next) break;
          ref = next;
          i++;
        }
      }
      if (ref > rx.groupCount) throw new MaskingExpressionError(`No group ${ref}`, replacement);
      if (lit) parts.push({ lit });
      lit = '';
      parts.push({ group: ref });
    } else {
      lit += ch;
      i++;
    }
  }
  if (lit) parts.push({ lit });
  return parts;
}

const NON_ASCII_WORDISH = /(?![\x00-\x7F])[\p{L}\p{Nd}\p{Mn}]/u;

/** Java's `new String(s.getBytes(UTF_8), UTF_8)`: lone surrogates become `?`. */
export function javaUtf8RoundTrip(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?');
}

function isMidPair(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return false;
  const a = s.charCodeAt(i - 1);
  const b = s.charCodeAt(i);
  return a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff;
}

function midPairBetween(s: string, from: number, to: number): boolean {
  for (let k = Math.max(from, 1); k < to && k < s.length; k++) if (isMidPair(s, k)) return true;
  return false;
}

/**
 * `Pattern.compile(pattern).matcher(input).replaceAll(replacement)` with the JDK's semantics
 * (replacement syntax `$n`, `${name}`, `\x`; empty-match advance; `$`/`^`/`.` line terminators;
 * ASCII-only `\s`, `\w`, `(?i)`).
 */
export function javaReplaceAll(input: string, pattern: string | JavaRegex, replacement: string): string {
  const rx = typeof pattern === 'string' ? compileJavaRegex(pattern) : pattern;
  if (rx.info.usesWordBoundary && NON_ASCII_WORDISH.test(input)) {
    throw new UnsupportedJavaRegexError('\\b or \\B next to non-ASCII letters', rx.source,
      'JDK 17 and older treat Unicode letters as word characters, JDK 19 and newer only [A-Za-z0-9_]');
  }
  const re = new RegExp(rx.jsSource, 'gu');
  let parts: ReplPart[] | undefined;
  let out = '';
  let appendPos = 0;
  let from = 0;
  const midPairStarts = rx.info.mayMatchMidPair && !rx.info.hasSupplementaryLiteral;
  while (from <= input.length) {
    if (isMidPair(input, from)) {
      throw new UnsupportedJavaRegexError('empty match before a supplementary character', rx.source,
        'the JDK resumes the search inside the surrogate pair');
    }
    re.lastIndex = from;
    const m = re.exec(input);
    const until = m ? m.index : input.length + 1;
    if (midPairStarts && midPairBetween(input, from + 1, until)) {
      throw new UnsupportedJavaRegexError('match attempt inside a surrogate pair', rx.source,
        'the JDK tries positions between the halves of a supplementary character');
    }
    if (!m) break;
    if (!parts) {
      parts = parseReplacement(rx, replacement);
      for (const p of parts) {
        if ('group' in p && rx.info.unstableGroups.has(p.group)) {
          throw new UnsupportedJavaRegexError(`group reference $${p.group}`, rx.source, rx.info.unstableGroups.get(p.group));
        }
      }
    }
    out += input.slice(appendPos, m.index);
    for (const p of parts) out += 'lit' in p ? p.lit : (m[p.group] ?? '');
    appendPos = m.index + m[0].length;
    from = m[0].length === 0 ? appendPos + 1 : appendPos;
  }
  return out + input.slice(appendPos);
}

/** `Pattern.compile(pattern).matcher(input).matches()` (whole-input match). */
export function javaMatches(pattern: string | JavaRegex, input: string): boolean {
  const rx = typeof pattern === 'string' ? compileJavaRegex(pattern) : pattern;
  if (rx.info.usesWordBoundary && NON_ASCII_WORDISH.test(input)) {
    throw new UnsupportedJavaRegexError('\\b or \\B next to non-ASCII letters', rx.source,
      'JDK 17 and older treat Unicode letters as word characters, JDK 19 and newer only [A-Za-z0-9_]');
  }
  return new RegExp(`^(?:${rx.jsSource})(?![\\s\\S])`, 'u').test(input);
}
