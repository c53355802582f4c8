/**
 * Character classes of the Java pattern grammar (`[...]`, nesting, ranges and `&&` intersections),
 * on top of the cursor and escapes of `Scanner`. Builds the class the JDK builds, or records what
 * JavaScript cannot reproduce.
 */
import { asciiFold, complement, cp, intersectRanges, setRanges, type CharSet, type Range } from './charset.js';
import { Scanner } from './scanner.js';

/** `Scanner` plus the JDK's character-class grammar. */
export class ClassScanner extends Scanner {
  /** One member of a class after `[`: a code point, a set, or (nested class) a set after its `]`. */
  private classItem(c: number): CharSet | number {
    if (c === cp('[')) {
      this.javaOnly.add('nested character class');
      this.nestedClasses++;
      return this.parseClass();
    }
    if (c !== cp('\\')) return c;
    const e = this.rawNext();
    if (e === undefined) this.syntax('Unclosed character class', this.cps.length);
    const ech = String.fromCodePoint(e);
    if ('bBAzZGRXk'.includes(ech) || (ech >= '1' && ech <= '9')) this.syntax('Illegal/unsupported escape sequence', this.pos - 1);
    if (ech === 'N') {
      this.namedCharacter();
      return { ranges: [], props: [], negated: false };
    }
    return this.escapeSet(ech) ?? this.escapeChar(ech, e);
  }

  /** Parses a character class after `[`. */
  protected parseClass(): CharSet {
    const start = this.pos - 1;
    let negated = false;
    if (this.peek() === cp('^')) { negated = true; this.pos++; }
    let ranges: Range[] = [];
    let props: string[] = [];
    let caseProperty = false;
    let first = true;
    // `&&` splits the class into operands (each a union); JDK 9+ negates the intersection as a whole.
    const operands: CharSet[] = [];
    const nestedBefore = this.nestedClasses;
    // Whether the JDK builds this class as a BMP-only predicate (bits, BMP singles and ranges, ASCII shorthands).
    let bmp = true;
    const bmpChar = (x: number): boolean => x < 0x10000 && (x < 0xd800 || x > 0xdfff);
    // Items of the current operand, and whether all are single characters the JDK keeps in its shared
    // `BitClass` (below 256): its `&&` with an empty right operand intersects with the last item only.
    let items = 0;
    let onlyBits = true;
    let lastNested = false;
    for (;;) {
      const c = this.next();
      if (c === undefined) this.syntax('Unclosed character class', this.cps.length - 1);
      if (c === cp(']') && !first) break;
      first = false;
      if (c === cp('&') && this.peek() === cp('&')) {
        this.javaOnly.add('&& (class intersection)');
        this.pos++;
        const after = this.peek();
        if (after === cp('&') || after === cp(']')) {
          // An empty right operand: with nothing on the left the JDK refuses; otherwise it intersects
          // with its last item and reads a following `&` into the left operand's shared bits.
          if (items === 0 && operands.length === 0) this.syntax('Bad class syntax', this.pos - 1);
          if (after === cp('&') || operands.length > 0 || !onlyBits) {
            this.unsupported('character class intersection with an empty operand', `at index ${start}`);
            if (!onlyBits) this.unknowable('a class intersection with an empty operand (JDK 25 may refuse it: "Bad intersection syntax")');
          }
        }
        operands.push({ ranges, props, negated: false });
        ranges = [];
        props = [];
        items = 0;
        onlyBits = true;
        continue;
      }
      if (c === cp('&') && lastNested && operands.length > 0) {
        // After a nested class the JDK ends the right operand at `&` and adds it to the left one.
        this.unsupported('`&` after a nested class in a class intersection', `at index ${start}`);
      }
      items++;
      lastNested = c === cp('[');
      onlyBits &&= c < 256 && c !== cp('[') && c !== cp('\\') && this.peek() !== cp('-') && !(this.flags.i && this.flags.u);
      const item = this.classItem(c);
      if (typeof item === 'number') {
        if (this.peek() === cp('-') && this.peek(1) === undefined) this.syntax('Illegal character range', this.pos + 1);
        if (this.peek() === cp('-') && this.peek(1) !== undefined && this.peek(1) !== cp(']')) {
          if (this.peek(1) === cp('[')) {
            // `a-[...]`: the JDK reads `a`, `-` and a nested class.
            ranges.push([item, item], [0x2d, 0x2d]);
            bmp &&= bmpChar(item);
            this.pos++;
            continue;
          }
          this.pos++;
          let hiC = this.next() as number;
          if (hiC === cp('\\')) {
            const e = this.rawNext();
            if (e === undefined) this.syntax('Unexpected internal error');
            const ech = String.fromCodePoint(e);
            if (ech === 'p' || ech === 'P') this.syntax('Illegal/unsupported escape sequence', this.pos - 1);
            if (this.isSetEscape(ech)) this.syntax('Illegal character range', this.pos - 1);
            hiC = this.escapeChar(ech, e);
          }
          if (hiC < item) this.syntax('Illegal character range', this.pos - 1);
          ranges.push([item, hiC]);
          bmp &&= !this.flags.i && (hiC < 0xd800 || (item > 0xdfff && hiC < 0x10000));
        } else {
          ranges.push([item, item]);
          bmp &&= bmpChar(item);
        }
      } else {
        if (item.caseProperty) caseProperty = true;
        bmp &&= item.bmp === true && !item.negated;
        if (!item.negated) {
          ranges.push(...item.ranges);
          props.push(...item.props);
        } else if (item.props.length === 0) {
          ranges.push(...complement(item.ranges));
        } else if (item.props.length === 1 && item.ranges.length === 0) {
          const p = item.props[0] as string;
          props.push(p.startsWith('\\p') ? `\\P${p.slice(2)}` : `\\p${p.slice(2)}`);
        } else {
          ranges.push(...setRanges(item));
        }
      }
    }
    if (operands.length === 0) return { ranges, props, negated, caseProperty, bmp };
    operands.push({ ranges, props, negated: false });
    const used = operands.filter((o) => o.ranges.length + o.props.length > 0);
    if (used.length < operands.length && this.nestedClasses > nestedBefore) {
      // The JDK then intersects with the last nested class instead of ignoring the empty operand.
      this.unsupported('character class intersection with an empty operand after a nested class', `at index ${start}`);
    }
    const fold = (rs: Range[]): Range[] => (this.flags.i ? asciiFold(rs) : rs);
    const sets = used.map((o) => fold(setRanges(o)));
    // Every operand empty: only when each held an unsupported property (already recorded, never emitted).
    const [head, ...rest] = sets;
    const meet = head === undefined ? [] : rest.reduce((acc, rs) => intersectRanges(acc, rs), head);
    return { ranges: meet, props: [], negated, caseProperty, bmp };
  }

  private isSetEscape(ch: string): boolean {
    return 'dDwWsShHvVpP'.includes(ch);
  }
}
