/** The syntax tree of a parsed Java pattern, as the emitter and the analyses read it. */

/** Group kinds: capturing, non-capturing, atomic (also a possessive quantifier), lookarounds. */
export type GroupKind = 'cap' | 'nc' | 'atomic' | 'la' | 'nla' | 'lb' | 'nlb';

/**
 * A node of the tree; `parent` is set by `setParents` before the analyses run. A `vacuous` lookbehind is
 * one whose window the JDK computes as empty (int overflow of its maximum length): it never matches.
 */
export type Node =
  | { t: 'seq'; items: Node[]; parent?: Node }
  | { t: 'alt'; branches: Node[]; parent?: Node }
  | { t: 'group'; kind: GroupKind; index?: number; body: Node; parent?: Node; vacuous?: true }
  | { t: 'quant'; min: number; max: number; lazy: boolean; body: Node; parent?: Node }
  | { t: 'char'; js: string; lowSur: boolean; parent?: Node; jdkNode?: 'XGrapheme' | 'LineEnding' }
  | { t: 'assert'; js: string; midPair: 'fail' | 'pass'; parent?: Node }
  | { t: 'backref'; index: number; never?: boolean; parent?: Node };

/** Inline flags in effect: CASE_INSENSITIVE, MULTILINE, DOTALL, UNIX_LINES, COMMENTS, UNICODE_CASE, UNICODE_CHARACTER_CLASS. */
export interface Flags { i: boolean; m: boolean; s: boolean; d: boolean; x: boolean; u: boolean; U: boolean }

/** A construct the JDK accepts but JavaScript cannot reproduce exactly, met while parsing. */
export interface UnsupportedFeature {
  feature: string;
  detail?: string;
}

/** A parsed Java pattern: its tree and what the emitter and the validators need to know about it. */
export interface ParsedJavaRegex {
  readonly source: string;
  readonly root: Node;
  readonly groupCount: number;
  /** Named groups -> group number. */
  readonly names: ReadonlyMap<string, number>;
  /** Capturing group nodes by number. */
  readonly groups: ReadonlyMap<number, Node>;
  /** Back references, and whether their group was closed when they were met. */
  readonly backrefs: ReadonlyArray<{ node: Node; closedAtRef: boolean }>;
  readonly usesWordBoundary: boolean;
  /** The JDK's matcher tries only code-point boundaries (`StartS`), not every char index (see `Scanner.startS`). */
  readonly startS: boolean;
  /** The pattern reads Unicode properties (their data differs between JavaScript's and the JDK's Unicode versions). */
  readonly usesUnicodeData: boolean;
  /** Constructs the JDK accepts but JavaScript cannot reproduce (empty: the emitter may try). */
  readonly unsupported: readonly UnsupportedFeature[];
  /** Java-only syntax used (JavaScript's RegExp reads it differently or not at all). */
  readonly javaOnly: readonly string[];
  /** Why the JDK's verdict on this pattern cannot be known here, when it cannot. */
  readonly uncertain?: string;
}

