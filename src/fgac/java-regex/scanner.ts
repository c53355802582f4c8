/**
 * The lower half of the Java pattern parser: the cursor, escapes and Unicode properties (character
 * classes: class-scanner.ts, on top of it). Syntax errors throw `JavaPatternSyntaxError` with the
 * JDK's wording and index; constructs the JDK accepts but JavaScript cannot reproduce are recorded
 * (parsing goes on, so the JDK's verdict on the rest of the pattern is still known).
 */
import { JavaPatternSyntaxError } from '../errors.js';
import type { Flags, Node, UnsupportedFeature } from './ast.js';
import {
  asciiFold, cp, UNICODE_SETS, MAX_CP, rangesToClassBody, setMayMatchLowSurrogate, SETS, type CharSet, isDigit,
} from './charset.js';
import { propertySet } from './properties.js';
import { opt } from '../../errors/own.js';

const isLatinLetter = (x: number | undefined): boolean => x !== undefined && ((x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a));

/** Cursor over the code points of a pattern, with the escape and class grammar of `java.util.regex.Pattern`. */
export class Scanner {
  protected readonly cps: number[];
  protected pos = 0;
  protected flags: Flags = { i: false, m: false, s: false, d: false, x: false, u: false, U: false };
  /** Constructs the JDK accepts but JavaScript cannot reproduce, in order of appearance. */
  readonly unsupportedFeatures: UnsupportedFeature[] = [];
  /** Java-only syntax met (JavaScript's RegExp reads it differently or not at all). */
  readonly javaOnly = new Set<string>();
  /** Set when the JDK's verdict on the pattern cannot be known here (e.g. a Unicode block or character name). */
  uncertain: string | undefined;
  /** Nested character classes met so far. */
  protected nestedClasses = 0;
  /**
   * The JDK's `hasSupplementary`: the pattern holds a surrogate or supplementary character, a complement
   * (`\P`, negated class or shorthand) or a class the JDK cannot build as a BMP-only predicate. Its matcher
   * then starts attempts only at code-point boundaries (`StartS`); otherwise at every char index.
   */
  startS = false;
  /** A set read from the Unicode tables (a `\\p{..}` property, or `\\d \\w \\s` under `(?U)`): their version matters. */
  usesUnicodeData = false;

  constructor(pattern: string, protected readonly original: string) {
    this.cps = Array.from(pattern, (ch) => ch.codePointAt(0) as number);
  }

  /** The next code point; in COMMENTS mode `(?x)` whitespace and `#` comments are skipped first, as the JDK's `peek` does. */
  protected peek(off = 0): number | undefined {
    if (off === 0 && this.flags.x) this.skipComments();
    // past either end: nothing (never an index Array.prototype may hold)
    const i = this.pos + off;
    return i >= 0 && i < this.cps.length ? this.cps[i] : undefined;
  }
  protected next(): number | undefined {
    if (this.flags.x) this.skipComments();
    return this.rawNext();
  }
  /** The next code point as it is (the character after a backslash: the JDK never skips there). */
  protected rawNext(): number | undefined {
    if (this.pos >= this.cps.length) return undefined;
    return this.cps[this.pos++];
  }
  private skipComments(): void {
    const space = (c: number | undefined): boolean => c === 0x20 || (c !== undefined && c >= 0x09 && c <= 0x0d);
    const eol = (c: number): boolean => (this.flags.d ? c === 0x0a : c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029);
    for (;;) {
      const c = this.cps[this.pos];
      if (space(c)) this.pos++;
      else if (c === cp('#')) {
        this.pos++;
        while (this.pos < this.cps.length && !eol(this.cps[this.pos] as number)) this.pos++;
      } else return;
    }
  }
  protected syntax(desc: string, index = this.pos): never { throw new JavaPatternSyntaxError(desc, this.original, index); }
  protected unsupported(feature: string, detail?: string): void {
    this.unsupportedFeatures.push(detail === undefined ? { feature } : { feature, detail });
  }
  protected unknowable(why: string): void { this.uncertain ??= why; }
  /** CASE_INSENSITIVE with UNICODE_CASE (`(?iu)`, `(?iU)`): the JDK folds with its own case tables. */
  protected unicodeCase(): void {
    if (this.flags.u) this.unsupported('UNICODE_CASE flag (?u)', 'Unicode case folding with CASE_INSENSITIVE');
  }

  protected setNode(set: CharSet): Node {
    if (set.negated || opt(set, 'bmp') !== true) this.startS = true;
    return { t: 'char', js: this.emitSet(set), lowSur: setMayMatchLowSurrogate(set) };
  }

  private foldSet(set: CharSet): CharSet {
    if (!this.flags.i || set.folded) return set;
    this.unicodeCase();
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

  /** A group name after `(?<` or `\k<`, up to and including the `>`. */
  protected groupName(): string {
    let s = '';
    if (!isLatinLetter(this.peek())) this.syntax('capturing group name does not start with a Latin letter');
    for (let c = this.peek(); c !== undefined && (isLatinLetter(c) || isDigit(c)); c = this.peek()) {
      s += String.fromCodePoint(c);
      this.pos++;
    }
    if (this.peek() !== cp('>')) this.syntax("named capturing group is missing trailing '>'");
    this.pos++;
    return s;
  }

  /** `\N{name}`: the JDK checks the Unicode name, which JavaScript cannot look up. */
  protected namedCharacter(): void {
    this.unsupported('\\N{name} named character');
    this.unknowable('\\N{name} (the JDK checks the Unicode character name)');
    if (this.peek() !== cp('{')) this.syntax('Illegal character name escape', this.pos);
    while (this.peek() !== undefined && this.peek() !== cp('}')) this.pos++;
    if (this.next() === undefined) this.syntax('Unclosed character name escape sequence', this.pos);
  }

  /** Predefined/property classes; undefined when `ch` is not one. */
  protected escapeSet(ch: string): CharSet | undefined {
    const neg = (s: CharSet): CharSet => ({ ...s, negated: !s.negated });
    if ('hHvV'.includes(ch)) this.javaOnly.add(`\\${ch}`);
    const u = this.flags.U ? UNICODE_SETS : SETS;
    if (this.flags.U && 'dDwWsS'.includes(ch)) this.usesUnicodeData = true;
    switch (ch) {
      case 'd': return u.digit;
      case 'D': return neg(u.digit);
      case 'w': return u.word;
      case 'W': return neg(u.word);
      case 's': return u.space;
      case 'S': return neg(u.space);
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
    if (negated) this.startS = true;
    let name: string;
    const c = this.next();
    // The JDK reads the missing name as U+0000.
    if (c === undefined) this.syntax('Unknown character property name {\u0000}');
    if (c === cp('{')) {
      name = '';
      for (let d = this.next(); d !== cp('}'); d = this.next()) {
        if (d === undefined) this.syntax('Unclosed character family');
        name += String.fromCodePoint(d);
      }
    } else {
      name = String.fromCodePoint(c);
    }
    const at = this.pos - 1;
    const set = propertySet(name, {
      unsupported: (f, d) => this.unsupported(f, d),
      unknowable: (w) => this.unknowable(w),
      javaOnly: this.javaOnly,
      fail: (desc) => this.syntax(desc, at),
      unicodeClasses: this.flags.U,
    });
    if (set.props.length > 0) this.usesUnicodeData = true;
    return negated ? { ...set, negated: !set.negated } : set;
  }

  /** Single-character escapes (`\t`, `\x41`, `\u00e9`, `\0101`, `\cA`, `\.`). */
  protected escapeChar(ch: string, c: number): number {
    switch (ch) {
      case 't': return 0x09;
      case 'n': return 0x0a;
      case 'r': return 0x0d;
      case 'f': return 0x0c;
      case 'a': this.javaOnly.add('\\a'); return 0x07;
      case 'e': this.javaOnly.add('\\e'); return 0x1b;
      case '0': this.javaOnly.add('\\0 octal escape'); return this.octal();
      case 'x': return this.hexEscape();
      case 'u': return this.unicodeEscape();
      case 'c': {
        const d = this.next();
        if (d === undefined) this.syntax('Illegal control escape sequence', this.pos - 1);
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
      this.javaOnly.add('\\x{...}');
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
    // Two digits, read one by one (in COMMENTS mode the JDK skips whitespace between them).
    const save = this.pos;
    const a = this.hexDigit(this.peek());
    if (a >= 0) {
      this.pos++;
      const b = this.hexDigit(this.peek());
      if (b >= 0) {
        this.pos++;
        return a * 16 + b;
      }
    }
    this.pos = save;
    return this.syntax('Illegal hexadecimal escape sequence');
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
}
