/**
 * Emission of a parsed Java pattern as an equivalent `u`-flag JavaScript pattern, with the analyses
 * that refuse (with `UnsupportedJavaRegexError`) what JavaScript would answer differently.
 */
import { BoundedCache } from '../bounded-cache.js';
import { UnsupportedJavaRegexError } from '../errors.js';
import { readyRegExp } from '../../errors/ready-regexp.js';
import type { Node } from './ast.js';
import { shownPattern } from './nesting.js';
import type { ParsedJavaRegex } from './ast.js';
import { parseJavaRegex } from './parse.js';

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
  /** Java group number -> group number in `jsSource` (atomic groups and possessive quantifiers add helper groups). */
  readonly jsGroups: readonly number[];
  /** Analysis used by javaReplaceAll to refuse cases JavaScript would answer differently. */
  readonly info: JavaRegexInfo;
}

/** What a compiled pattern needs checked at match time. */
export interface JavaRegexInfo {
  mayMatchMidPair: boolean;
  hasSupplementaryLiteral: boolean;
  /** The JDK tries a match at every char index, also between the halves of a surrogate pair (no `StartS`). */
  scansEveryIndex: boolean;
  usesWordBoundary: boolean;
  /** The pattern reads Unicode properties: declined on input the JDK's Unicode version classifies differently. */
  usesUnicodeData: boolean;
  /** group number -> reason the group's value may differ between Java and JS (only if referenced). */
  unstableGroups: Map<number, string>;
}

function setParents(node: Node, parent?: Node): void {
  if (parent) node.parent = parent;
  switch (node.t) {
    case 'seq': node.items.forEach((n) => setParents(n, node)); break;
    case 'alt': node.branches.forEach((n) => setParents(n, node)); break;
    case 'group': case 'quant': setParents(node.body, node); break;
    default: break;
  }
}

/**
 * Emits the tree as JavaScript. An atomic group (and a possessive quantifier) becomes `(?:(?=(X))\k)`: the
 * lookahead is atomic in JavaScript, and the back reference consumes what it matched. Those helper groups
 * shift the numbering, so `jsGroups[java group number]` gives the JavaScript group number.
 */
function emitAll(root: Node, groupCount: number): { js: string; jsGroups: number[] } {
  const jsGroups: number[] = new Array<number>(groupCount + 1).fill(0);
  let next = 0;
  const backref = (n: number): string => `(?:\\${n})`;
  const emit = (node: Node): string => {
    switch (node.t) {
      case 'seq': return node.items.map(emit).join('');
      case 'alt': return node.branches.map(emit).join('|');
      case 'group': {
        if (node.kind === 'atomic') {
          const helper = ++next;
          return `(?:(?=(${emit(node.body)}))${backref(helper)})`;
        }
        if (node.kind === 'cap' && node.index !== undefined) jsGroups[node.index] = ++next;
        const open = { cap: '(', nc: '(?:', la: '(?=', nla: '(?!', lb: '(?<=', nlb: '(?<!' }[node.kind];
        // `(?!)` fails wherever it is: the lookbehind's body never matches, its groups stay numbered.
        return `${open}${node.vacuous ? '(?!)' : ''}${emit(node.body)})`;
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
      // Groups are numbered in order of their opening parenthesis; a back reference only follows its closed group.
      case 'backref': return node.never ? '[]' : backref(jsGroups[node.index] ?? 0);
    }
  };
  return { js: emit(root), jsGroups };
}

/** Whether a match may start at a position inside a surrogate pair (Java tries such positions). */
function midPair(node: Node): { may: boolean; nullable: boolean } {
  switch (node.t) {
    case 'char': return { may: node.lowSur, nullable: false };
    case 'assert': return node.midPair === 'fail' ? { may: false, nullable: false } : { may: false, nullable: true };
    case 'backref': return node.never ? { may: false, nullable: false } : { may: true, nullable: true };
    case 'group':
      if (node.kind === 'cap' || node.kind === 'nc' || node.kind === 'atomic') return midPair(node.body);
      // A lookaround consumes nothing: whether a match can start inside a pair depends on what follows it.
      return { may: false, nullable: true };
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
    case 'group': return node.kind === 'cap' || node.kind === 'nc' || node.kind === 'atomic' ? nullable(node.body) : true;
    case 'quant': return node.min === 0 || nullable(node.body);
    case 'alt': return node.branches.some(nullable);
    case 'seq': return node.items.every(nullable);
  }
}

/** The literal character a node must start with, when it is one plain character (else undefined). */
function firstLiteral(n: Node): string | undefined {
  switch (n.t) {
    case 'char': return n.js.length === 1 || /^\\(?:[^A-Za-z0-9]|u\{[0-9A-Fa-f]{1,6}\})$/.test(n.js) ? n.js : undefined;
    case 'seq': return n.items[0] === undefined ? undefined : firstLiteral(n.items[0]);
    case 'group': return n.kind === 'cap' || n.kind === 'nc' ? firstLiteral(n.body) : undefined;
    case 'quant': return n.min >= 1 ? firstLiteral(n.body) : undefined;
    default: return undefined;
  }
}

/** Whether two branches of an alternation may match at the same place (unless each starts with its own literal). */
function overlappingBranches(branches: readonly Node[]): boolean {
  const firsts = branches.map(firstLiteral);
  return firsts.some((f) => f === undefined) || new Set(firsts).size < firsts.length;
}

/**
 * Whether a variable repetition's body can itself match in more than one way (a variable repetition,
 * or an alternation whose branches may start alike, outside atomic groups and lookarounds): a
 * backtracking engine, JavaScript's like the JDK's, can then take exponential time on a near-miss
 * such as `(a+)+$` or `(a|aa)+$` on `aaaa...!`.
 */
function ambiguousRepeat(q: Extract<Node, { t: 'quant' }>): boolean {
  if (q.parent?.t === 'group' && q.parent.kind === 'atomic') return false; // possessive: never backtracks
  const visit = (n: Node): boolean => {
    switch (n.t) {
      case 'quant': return n.max !== n.min || visit(n.body);
      case 'alt': return (n.branches.length > 1 && overlappingBranches(n.branches)) || n.branches.some(visit);
      case 'seq': return n.items.some(visit);
      case 'group': return (n.kind === 'cap' || n.kind === 'nc') && visit(n.body);
      default: return false;
    }
  };
  return visit(q.body);
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

/** Compiled patterns, weighed by their Java and emitted JavaScript source together. */
const cache = new BoundedCache<JavaRegex>({ entries: 500, chars: 1_000_000, maxEntryChars: 32_768 });

/** @internal What the compiled-pattern cache holds (tests check the bounds). */
export function javaRegexCacheSize(): { entries: number; chars: number } {
  return cache.size();
}

/** Compiles a Java pattern (as `Pattern.compile(p)` with no flags) into its JavaScript equivalent. */
export function compileJavaRegex(pattern: string): JavaRegex {
  return cache.get(pattern) ?? compileParsed(parseJavaRegex(pattern));
}

/**
 * Most Unicode property classes (`\p{...}`) in an emitted pattern. V8 builds each one's code point set
 * when the regex is created and again when it is compiled (~20-80 microseconds each), so a pattern of
 * thousands (`(?U)\w` is seven) took seconds; patterns people write use a handful.
 */
const MAX_JS_PROPERTY_ESCAPES = 512;
const PROPERTY_ESCAPE = /\\[pP]\{/g;
/**
 * Most groups and quantifiers in an emitted pattern. V8's compile time grows faster than their number
 * (1 000 `(x?)` took 0.2 s, 2 000 `(ab|cd)+` 0.5 s; up to this bound under 0.1 s) and it refuses a regex
 * of a few thousand groups ("Stack overflow"); patterns people write have tens (a Java `$` emits five).
 */
const MAX_JS_STRUCTURES = 1024;

/** Groups and quantifiers of a JavaScript pattern: `(`, `*`, `+`, `?` (not after `(`) and `{` outside classes and escapes. */
function jsStructures(js: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < js.length; i++) {
    const c = js.charCodeAt(i);
    if (c === 0x5c) {
      // `\u{2E}`, `\p{L}`: the braces belong to the escape
      const e = js[i + 1];
      i = (e === 'u' || e === 'p' || e === 'P') && js.charCodeAt(i + 2) === 0x7b ? js.indexOf('}', i) : i + 1;
      if (i < 0) break;
    } else if (inClass) inClass = c !== 0x5d;
    else if (c === 0x5b) inClass = true;
    else if (c === 0x28 || c === 0x2a || c === 0x2b || c === 0x7b || (c === 0x3f && js.charCodeAt(i - 1) !== 0x28)) n++;
  }
  return n;
}

/**
 * V8 builds its regex when it first runs it, and only then refuses one too large for it ("Regular
 * expression too large", "Stack overflow": a few thousand groups or classes, 32 767 plain characters);
 * a first run on the empty string makes it build now, so such a pattern is unsupported here instead
 * of failing later inside a mask or a match.
 */
function buildJsRegex(jsSource: string, flags: string, pattern: string): RegExp {
  const properties = jsSource.match(PROPERTY_ESCAPE)?.length ?? 0;
  if (properties > MAX_JS_PROPERTY_ESCAPES) {
    throw new UnsupportedJavaRegexError('pattern', shownPattern(pattern), `${properties} Unicode property classes in its JavaScript equivalent, more than the ${MAX_JS_PROPERTY_ESCAPES} built here`);
  }
  const structures = jsStructures(jsSource);
  if (structures > MAX_JS_STRUCTURES) {
    throw new UnsupportedJavaRegexError('pattern', shownPattern(pattern), `${structures} groups and quantifiers in its JavaScript equivalent, more than the ${MAX_JS_STRUCTURES} built here`);
  }
  try {
    return readyRegExp(jsSource, flags);
  } catch (e) {
    throw new UnsupportedJavaRegexError('pattern', shownPattern(pattern), `no JavaScript equivalent (${engineReason(e)})`);
  }
}

/** Why V8 refused a regex: its message quotes the whole source, the reason is the part after the last `: `. */
export function engineReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = message.lastIndexOf(': ');
  return (at < 0 ? message : message.slice(at + 2)).slice(0, 100);
}

/** compileJavaRegex of an already parsed pattern (checkJavaRegex parses once for both). */
export function compileParsed(parsed: ParsedJavaRegex): JavaRegex {
  const pattern = parsed.source;
  const hit = cache.get(pattern);
  if (hit) return hit;
  const first = parsed.unsupported[0];
  if (first) throw new UnsupportedJavaRegexError(first.feature, pattern, first.detail);
  const root = parsed.root;
  setParents(root);
  walk(root, (n) => {
    if (n.t === 'quant' && (n.max > 1 || n.min === 0) && nullable(n.body)) {
      throw new UnsupportedJavaRegexError('repeated group that can match the empty string', pattern,
        'Java stops at an empty iteration, JavaScript backtracks into it');
    }
    if (n.t === 'quant' && n.max > n.min && n.max > 1 && ambiguousRepeat(n)) {
      throw new UnsupportedJavaRegexError('repetition of a group that itself repeats or alternates', pattern,
        'matching it can take exponential time (the JDK backtracks the same way), so it is not run here');
    }
  });

  const unstable = new Map<number, string>();
  for (const [index, g] of parsed.groups) {
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
  for (const br of parsed.backrefs) {
    const node = br.node;
    if (node.t !== 'backref') continue;
    if (node.index > parsed.groupCount) {
      // The JDK accepts a reference to a group that does not exist; it never matches.
      node.never = true;
      continue;
    }
    if (!br.closedAtRef) throw new UnsupportedJavaRegexError('forward or nested back reference', pattern, `\\${node.index}`);
    const g = parsed.groups.get(node.index) as Node;
    const refAnc = new Set(ancestors(node));
    const lca = ancestors(g).find((a) => refAnc.has(a));
    if (lca?.t === 'alt' && !ancestors(lca).some((a) => a.t === 'quant' && a.max > 1)) {
      // The group sits in another branch of the same alternation: it is never set when the reference is tried.
      node.never = true;
      continue;
    }
    if (!certain(g, lca)) {
      throw new UnsupportedJavaRegexError('back reference to an optional group', pattern,
        `\\${node.index}: Java fails where JavaScript matches the empty string`);
    }
    const why = unstable.get(node.index);
    if (why) throw new UnsupportedJavaRegexError('back reference', pattern, why);
  }
  const { js: jsSource, jsGroups } = emitAll(root, parsed.groupCount);
  buildJsRegex(jsSource, 'u', pattern);
  const mp = midPair(root);
  const compiled: JavaRegex = {
    source: pattern,
    jsSource,
    groupCount: parsed.groupCount,
    namedGroups: parsed.names,
    jsGroups,
    info: {
      mayMatchMidPair: mp.may || mp.nullable,
      hasSupplementaryLiteral: /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(pattern),
      scansEveryIndex: !parsed.startS,
      usesWordBoundary: parsed.usesWordBoundary,
      usesUnicodeData: parsed.usesUnicodeData,
      unstableGroups: unstable,
    },
  };
  cache.set(pattern, compiled, pattern.length + jsSource.length);
  return compiled;
}
