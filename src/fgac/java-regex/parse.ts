/**
 * Parser for `java.util.regex.Pattern` syntax (no flags): the upper half of the grammar
 * (alternation, sequences, quantifiers, groups, inline flags, anchors, back references) over
 * `ClassScanner`. It throws `JavaPatternSyntaxError` exactly where the JDK throws
 * `PatternSyntaxException`, and records the constructs JavaScript cannot reproduce.
 */
import type { GroupKind, Node, ParsedJavaRegex } from './ast.js';
import { cp, esc, isDigit, LOW_SUR } from './charset.js';
import { unicodeCaseClass } from './jdk-tables.js';
import { studyLookbehind } from './lookbehind.js';
import { removeQE } from './quoting.js';
import { ClassScanner } from './class-scanner.js';
import { refuseDeepNesting, refuseOversize } from './nesting.js';
import { setOwn } from '../../errors/own.js';


class Parser extends ClassScanner {
  groupCount = 0;
  readonly names = new Map<string, number>();
  private readonly closed = new Set<number>();
  readonly groups = new Map<number, Node>();
  readonly backrefs: Array<{ node: Node; closedAtRef: boolean }> = [];
  usesWordBoundary = false;
  private lookbehindDepth = 0;
  /** `(?c)` met: JDK 25's CANON_EQ class nodes count no maximum length in a lookbehind. */
  private canonEq = false;

  parse(): Node {
    const root = this.parseAlt();
    if (this.pos < this.cps.length) {
      if (this.peek() === cp(')')) this.syntax("Unmatched closing ')'", this.pos - 1);
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

  /** `{n}`, `{n,}` or `{n,m}` after the `{`. */
  private counted(): { min: number; max: number } {
    if (!isDigit(this.peek())) this.syntax('Illegal repetition');
    const min = this.readInt();
    let max = min;
    if (this.peek() === cp(',')) {
      this.pos++;
      max = isDigit(this.peek()) ? this.readInt() : Infinity;
    }
    if (this.peek() !== cp('}')) this.syntax('Unclosed counted closure');
    this.pos++;
    if (max < min) this.syntax('Illegal repetition range', this.pos - 1);
    return { min, max };
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
      ({ min, max } = this.counted());
    } else {
      return atom;
    }
    let lazy = false;
    let possessive = false;
    if (this.peek() === cp('?')) { lazy = true; this.pos++; }
    else if (this.peek() === cp('+')) {
      this.pos++;
      this.javaOnly.add('possessive quantifier');
      possessive = true;
    }
    if (atom.t === 'assert' || (atom.t === 'group' && atom.kind !== 'cap' && atom.kind !== 'nc' && atom.kind !== 'atomic')) {
      this.unsupported('quantified zero-width assertion');
    }
    if (possessive) this.atomicInLookbehind();
    const quant: Node = { t: 'quant', min, max, lazy, body: atom };
    // `X*+` is `(?>X*)`: the emitter writes both with the lookahead + back reference idiom.
    return possessive ? { t: 'group', kind: 'atomic', body: quant } : quant;
  }

  private readInt(): number {
    let n = 0;
    let digits = 0;
    for (let d = this.peek(); isDigit(d); d = this.peek()) {
      n = n * 10 + (d - 0x30);
      digits++;
      // The JDK's int arithmetic overflows on this digit.
      if (n > 0x7fffffff) this.syntax('Illegal repetition range');
      this.pos++;
    }
    if (digits === 0) this.syntax('Illegal repetition');
    return n;
  }

  private literal(c: number): Node {
    if (c >= 0xd800 && (c <= 0xdfff || c >= 0x10000)) this.startS = true;
    if (this.flags.i && this.flags.u) {
      const same = unicodeCaseClass(c);
      if (same === undefined) this.unsupported('UNICODE_CASE flag (?u)', `the JDK's folding of U+${c.toString(16).toUpperCase()} depends on its version or on the literal around it`);
      else if (same.length > 1) return this.setNode({ ranges: same.map((x): [number, number] => [x, x]), props: [], negated: false, bmp: true, folded: true });
      return { t: 'char', js: esc(c), lowSur: c >= LOW_SUR[0] && c <= LOW_SUR[1] };
    }
    if (this.flags.i && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) {
      const other = c ^ 0x20;
      return { t: 'char', js: `[${esc(c)}${esc(other)}]`, lowSur: false };
    }
    return { t: 'char', js: esc(c), lowSur: c >= LOW_SUR[0] && c <= LOW_SUR[1] };
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
        if (!isDigit(this.peek())) return this.syntax('Illegal repetition');
        this.unsupported('counted quantifier without an operand');
        this.counted();
        // The JDK's closure reads the lazy or possessive mark of the empty repetition too.
        if (this.peek() === cp('?') || this.peek() === cp('+')) this.pos++;
        return null;
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
    let kind: GroupKind = 'cap';
    let name: string | undefined;
    if (this.peek() === cp('?')) {
      this.pos++;
      const c = this.next();
      if (c === undefined) this.syntax('Unknown inline modifier', this.cps.length);
      if (c === cp(':')) kind = 'nc';
      else if (c === cp('=')) kind = 'la';
      else if (c === cp('!')) kind = 'nla';
      else if (c === cp('>')) {
        this.javaOnly.add('atomic group');
        this.atomicInLookbehind();
        kind = 'atomic';
      } else if (c === cp('<')) {
        const d = this.peek();
        if (d === cp('=')) { this.pos++; kind = 'lb'; }
        else if (d === cp('!')) { this.pos++; kind = 'nlb'; }
        else {
          name = this.groupName();
          if (this.names.has(name)) this.syntax(`Named capturing group <${name}> is already defined`, this.pos - 1);
        }
      } else {
        this.pos--;
        this.javaOnly.add('inline flags');
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
    let vacuous = false;
    if (kind === 'lb' || kind === 'nlb') {
      this.lookbehindDepth--;
      vacuous = this.lookbehindLength(body);
    }
    if (this.peek() !== cp(')')) this.syntax('Unclosed group', this.cps.length);
    this.pos++;
    this.flags = saved;
    const node: Node = { t: 'group', kind, body, ...(vacuous ? { vacuous: true as const } : {}) };
    if (index !== undefined) {
      setOwn(node, 'index', index);
      this.groups.set(index, node);
      this.closed.add(index);
    }
    return node;
  }

  /** JavaScript runs a lookbehind right to left: the lookahead that emulates an atomic group there does not. */
  private atomicInLookbehind(): void {
    if (this.lookbehindDepth > 0) this.unsupported('atomic group or possessive quantifier inside a lookbehind');
  }

  /** The JDK's length check of a lookbehind body (before its `)`); true when its window is empty. */
  private lookbehindLength(body: Node): boolean {
    const verdict = studyLookbehind(body, this.canonEq);
    if (verdict.kind === 'unknown') {
      this.unknowable('a lookbehind after (?c) (JDK 25 studies its classes differently)');
      this.unsupported('CANON_EQ flag (?c)');
      return false;
    }
    if (verdict.kind === 'refused') this.syntax('Look-behind group does not have an obvious maximum length', this.pos - 1);
    if (verdict.kind === 'unsupported') this.unsupported('lookbehind with an unbounded repetition', verdict.detail);
    return verdict.kind === 'never';
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
      else if (ch === 'x') this.flags.x = on;
      else if (ch === 'u') this.flags.u = on;
      else if (ch === 'c') {
        // CANON_EQ: JDK 25 then matches classes and properties on canonical equivalents.
        this.unsupported('CANON_EQ flag (?c)');
        this.canonEq = true;
      }
      else if (ch === 'U') {
        // The JDK's `U` sets UNICODE_CHARACTER_CLASS and UNICODE_CASE (and `-U` clears both).
        this.flags.U = on;
        this.flags.u = on;
      }
      else this.syntax('Unknown inline modifier', this.pos - 1);
    }
  }

  /** Parses the escape after a backslash outside a class. */
  private parseEscape(): Node {
    const c = this.rawNext();
    if (c === undefined) this.syntax('Unexpected internal error');
    const ch = String.fromCodePoint(c);
    if (ch >= '1' && ch <= '9') return this.backref(c - 0x30);
    const never: Node = { t: 'char', js: '[]', lowSur: true };
    if ('AzZGRX'.includes(ch)) this.javaOnly.add(`\\${ch}`);
    switch (ch) {
      case 'A': return { t: 'assert', js: '(?<![\\s\\S])', midPair: 'fail' };
      case 'z': return { t: 'assert', js: '(?![\\s\\S])', midPair: 'fail' };
      case 'Z': return this.dollar(false);
      case 'b':
        if (this.peek() === cp('{') && this.peek(1) === cp('g') && this.peek(2) === cp('}')) {
          this.pos += 3;
          this.javaOnly.add('\\b{g}');
          this.unsupported('grapheme boundary \\b{g}');
        }
        this.usesWordBoundary = true;
        this.unicodeBoundary();
        return { t: 'assert', js: '\\b', midPair: 'fail' };
      case 'B':
        this.usesWordBoundary = true;
        this.unicodeBoundary();
        return { t: 'assert', js: '\\B', midPair: 'pass' };
      case 'G': this.unsupported('\\G (end of previous match)'); return { t: 'assert', js: '', midPair: 'pass' };
      case 'R': this.unsupported('\\R linebreak matcher', 'its backtracking differs between JDK versions'); return { ...never, jdkNode: 'LineEnding' };
      case 'X': this.unsupported('\\X grapheme cluster'); return { ...never, jdkNode: 'XGrapheme' };
      case 'N': this.namedCharacter(); return never;
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

  /** `\b` under `(?U)` uses the JDK's Unicode WORD predicate and its non-spacing-mark rule. */
  private unicodeBoundary(): void {
    if (this.flags.U) this.unsupported('\\b or \\B with UNICODE_CHARACTER_CLASS (?U)');
  }

  private backref(first: number): Node {
    let ref = first;
    for (;;) {
      const d = this.peek();
      if (!isDigit(d)) break;
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
    this.backrefs.push({ node, closedAtRef: this.closed.has(index) });
    return node;
  }
}

/**
 * Parses a Java pattern as `Pattern.compile(pattern)` (no flags) does. Throws `JavaPatternSyntaxError`
 * (the JDK's message) for a pattern the JDK rejects; otherwise returns the tree and what could not be
 * reproduced in JavaScript. A pattern longer than MAX_JAVA_REGEX_LENGTH or nested deeper than
 * MAX_REGEX_NESTING is UnsupportedJavaRegexError (not parsed: neither verdict nor groups are known).
 */
export function parseJavaRegex(pattern: string): ParsedJavaRegex {
  refuseDeepNesting(pattern);
  refuseOversize(pattern);
  const stripped = removeQE(pattern);
  const parser = new Parser(stripped, pattern);
  if (stripped !== pattern) parser.javaOnly.add('\\Q...\\E quoting');
  const root = parser.parse();
  return {
    source: pattern,
    root,
    groupCount: parser.groupCount,
    names: parser.names,
    groups: parser.groups,
    backrefs: parser.backrefs,
    usesWordBoundary: parser.usesWordBoundary,
    startS: parser.startS || /[\uD800-\uDFFF]/.test(pattern),
    usesUnicodeData: parser.usesUnicodeData,
    unsupported: parser.unsupportedFeatures,
    javaOnly: [...parser.javaOnly],
    ...(parser.uncertain !== undefined ? { uncertain: parser.uncertain } : {}),
  };
}
