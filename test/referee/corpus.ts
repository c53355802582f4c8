/**
 * The referee's generated corpus (seeded PRNG, same cases on every run): masked-field expressions and
 * values judged by the real security plugin classes (see harness.ts) and by the SDK.
 * Groups: default BLAKE2b masks (both flavours, several salts), configured default digests,
 * per-field digests, regex chains written with the Java constructs people use, and invalid expressions.
 */
import { rng } from '../domain/seed-data.js';
import { digestNames } from '../../src/fgac/digest-catalogue.js';

/** The two plugin generations the referee runs. */
export type RefereeFlavour = '2.x' | '3.x';

/**
 * One request to the referee: mask a value, validate an expression like the roles REST API does, or
 * match a field name (`pattern`: one field pattern; `fls`: one role's FLS list, 3.x; `maskmatch`: which
 * masked_fields entry applies to a field, 3.x).
 */
export interface RefereeCase {
  id: number;
  op: 'mask' | 'validate' | 'pattern' | 'fls' | 'maskmatch';
  /** Which part of the corpus the case belongs to (for the report). */
  group: string;
  expression: string;
  value?: string;
  /** `plugins.security.compliance.salt`; absent = the plugin's default salt. */
  salt?: string;
  /** `plugins.security.masked_fields.algorithm.default`; absent = not set. */
  algorithmDefault?: string;
  /** The field name matched (pattern, fls, maskmatch). */
  field?: string;
  /** One role's FLS list or masked_fields list (fls, maskmatch). */
  patterns?: string[];
}

/** The seed data's mulberry32 PRNG, so the corpus is the same on every run. */
export const prng = rng;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Characters values are drawn from: ASCII, Latin-1/Latin Extended, Greek, Cyrillic, CJK, emoji, digits, punctuation. */
const ALPHABET: readonly string[] = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'     .-_@:/+*?()[]$\\',
  ...'éèàçñøÅÉÖßÿœŁž', ...'αβγδΩΣλπ', ...'жЖщЯ', ...'中文字', '😀', '🎉', '𝔸', '\u00a0', '\t',
];

function randomValue(r: Rand): string {
  const shape = r();
  if (shape < 0.1) return '';
  if (shape < 0.3) {
    // Structured values regexes are typically written for.
    return pick(r, [
      () => `${int(r, 100, 999)}-${int(r, 10, 99)}-${int(r, 1000, 9999)}`,
      () => `user${int(r, 1, 99)}@example.${pick(r, ['com', 'org', 'io'])}`,
      () => `${pick(r, ['Ana', 'Zoë', 'Łukasz', 'Σοφία', 'José', 'Ёжик'])} ${pick(r, ['Smith', 'Müller', 'Παπαδόπουλος', 'García'])}`,
      () => `4111 ${int(r, 1000, 9999)} ${int(r, 1000, 9999)} ${int(r, 1000, 9999)}`,
      () => `aaa${'a'.repeat(int(r, 0, 5))}b${'a'.repeat(int(r, 0, 3))}`,
    ])();
  }
  let s = '';
  const n = int(r, 1, 24);
  for (let i = 0; i < n; i++) s += pick(r, ALPHABET);
  if (r() < 0.03) s += '\ud800'; // a lone surrogate (Java encodes it as '?')
  return s;
}

const SALTS: readonly (string | undefined)[] = [
  undefined, 'fgac-local-salt-2f8a1c', '0123456789abcdef', 'ünïcödé-sält-16+', 'exactly16bytes!!', 'a much longer salt than sixteen bytes',
];

/** Regex constructs people write, with replacements that fit them (`$n`/`${name}` only where the group exists). */
const REGEXES: readonly { re: string; reps: readonly string[]; construct: string }[] = [
  { re: '[0-9]', reps: ['#', '*', ''], construct: 'class' },
  { re: '\\d{3}', reps: ['XXX', '[$0]'], construct: 'quantifier' },
  { re: '(\\d{3})-(\\d{2})-(\\d{4})', reps: ['***-**-$3', '$3-$2-$1'], construct: 'groups' },
  { re: '^(.)(.*)$', reps: ['$1***', '$2'], construct: 'anchors' },
  { re: '[a-z]+', reps: ['?', '<$0>'], construct: 'class' },
  { re: '\\w+@', reps: ['***@', ''], construct: 'shorthand' },
  { re: '.+?', reps: ['.', 'x'], construct: 'lazy' },
  { re: 'a++', reps: ['A', '[$0]'], construct: 'possessive' },
  { re: 'a*+b', reps: ['X'], construct: 'possessive' },
  { re: '[a-z]?+\\d', reps: ['#'], construct: 'possessive' },
  { re: '\\w{2,}+', reps: ['W'], construct: 'possessive' },
  { re: '(?>a+)b', reps: ['AB'], construct: 'atomic group' },
  { re: '(?>\\d+|\\w+)', reps: ['[$0]'], construct: 'atomic group' },
  { re: '[a-z&&[^aeiou]]', reps: ['*'], construct: 'class intersection' },
  { re: '[\\p{IsLatin}&&[^a]]', reps: ['_'], construct: 'class intersection' },
  { re: '[\\w&&\\D]+', reps: ['L'], construct: 'class intersection' },
  { re: '\\p{IsLatin}+', reps: ['L'], construct: 'script \\p{IsLatin}' },
  { re: '\\p{IsGreek}', reps: ['G'], construct: 'script \\p{IsGreek}' },
  { re: '\\p{InGreek}+', reps: ['[greek]'], construct: 'block \\p{InGreek}' },
  { re: '\\p{InBasicLatin}', reps: ['b'], construct: 'block \\p{InBasicLatin}' },
  { re: '\\p{Lu}', reps: ['U'], construct: 'category \\p{Lu}' },
  { re: '\\p{L}+', reps: ['L'], construct: 'category \\p{L}' },
  { re: '\\P{L}', reps: ['.'], construct: 'category \\P{L}' },
  { re: '\\p{Alpha}+', reps: ['A'], construct: 'POSIX \\p{Alpha}' },
  { re: '\\p{javaLowerCase}', reps: ['l'], construct: '\\p{javaLowerCase}' },
  { re: '\\Q.*\\E', reps: ['DOTSTAR'], construct: '\\Q..\\E' },
  { re: '\\Q$(x)\\E|a', reps: ['q'], construct: '\\Q..\\E' },
  { re: '(?i)[aeiou]', reps: ['V'], construct: 'embedded flag (?i)' },
  { re: '(?i:abc)', reps: ['ABC'], construct: 'embedded flag (?i:)' },
  { re: '(?iu)é', reps: ['E'], construct: 'embedded flags (?iu)' },
  { re: '(?<first>\\w)(?<rest>\\w*)', reps: ['${first}*', '${rest}${first}'], construct: 'named groups' },
  { re: '(?<d>\\d)', reps: ['<${d}>', '$1$1'], construct: 'named groups' },
  { re: '(\\w)\\1', reps: ['=$1'], construct: 'back reference' },
  { re: '(?<c>[a-z])\\k<c>', reps: ['2${c}'], construct: 'named back reference' },
  { re: '(?=\\d)', reps: ['^'], construct: 'lookahead' },
  { re: '(?<=@)\\w+', reps: ['domain'], construct: 'lookbehind' },
  { re: '\\s+', reps: [' ', '_'], construct: 'whitespace' },
  { re: '\\h+', reps: ['H'], construct: '\\h' },
  { re: '\\bx', reps: ['X'], construct: 'word boundary' },
  { re: '.', reps: ['*'], construct: 'dot' },
  { re: '$', reps: ['!'], construct: 'end anchor' },
  { re: 'x*', reps: ['-'], construct: 'empty matches' },
  { re: '[^\\p{ASCII}]', reps: ['?'], construct: '\\p{ASCII}' },
  { re: '\\$', reps: ['\\$\\$', 'USD'], construct: 'escaped dollar' },
  { re: '(a)|b', reps: ['[$1]'], construct: 'unmatched group' },
  { re: '[\\u00e0-\\u00ff]', reps: ['~'], construct: '\\u escapes' },
  { re: '\\x{1F600}', reps: [':)'], construct: '\\x{..}' },
  { re: '(?i)é|ß', reps: ['E'], construct: 'embedded flag (?i), non-ASCII' },
  { re: '(?s).+', reps: ['S'], construct: 'embedded flag (?s)' },
  { re: '(?m)^\\w', reps: ['M'], construct: 'embedded flag (?m)' },
  { re: '(?x) \\d  \\d # two digits', reps: ['DD'], construct: 'comments mode (?x)' },
  { re: '(?U)\\w+', reps: ['U'], construct: 'UNICODE_CHARACTER_CLASS (?U)' },
  { re: '\\A\\w|\\w\\z', reps: ['#'], construct: '\\A and \\z' },
  { re: '\\p{IsAlphabetic}+', reps: ['A'], construct: 'binary property \\p{IsAlphabetic}' },
  { re: '\\p{sc=Greek}|\\p{script=Cyrillic}', reps: ['S'], construct: 'script \\p{sc=..}' },
  { re: '\\p{javaUpperCase}', reps: ['u'], construct: '\\p{javaUpperCase}' },
  { re: '\\p{Punct}', reps: [''], construct: 'POSIX \\p{Punct}' },
  { re: '[^\\s]+', reps: ['T'], construct: 'negated shorthand in class' },
  { re: '\\0101|\\x41|\\u0042', reps: ['c'], construct: 'octal/hex escapes' },
  { re: '[a-c[x-z]]', reps: ['+'], construct: 'class union' },
];

/** Expressions the plugin refuses (or accepts where a naive check would not), in both wordings. */
const INVALID_OR_EDGE: readonly string[] = [
  'f::/a(/::x', 'f::/*a/::x', 'f::/[a-/::x', 'f::/a{2,1}/::x', 'f::/\\p{IsFoo}/::x', 'f::/\\k/::x', 'f::/(?<1a>x)/::x',
  'f::/(?<n>a)(?<n>b)/::x', 'f::/a)/::x', 'f::/[]/::x', 'f::/\\/::x', 'f::/x{99999999999}/::x', 'f::/(?z)/::x',
  'f::/a/::x::/b/', 'f::SHA-256::x::y', 'f::/a/', 'f::SHA-999', 'f::', 'f::sha-256', 'f::sha3-512', 'f::NOPE',
  'f::abc::x', 'f::a::x', 'f::::x', 'f::/::x', 'f::/a/::$2', 'f::/(a)/::$2', 'f::/a/::${nope}', 'f::/a/::x\\',
  'f::/a/::$', 'f::/(?<g>a)/::${g}', 'f::/[a-z&&[^b]]/::x', 'f::/a++/::x', 'f::/(?>a)/::x', 'f::/\\p{InGreek}/::x',
  'f::/\\Q(\\E/::x', 'f::/(?i)a/::x', 'f::/[[a]/::x', 'f::/\\x{110000}/::x', 'f::/\\R/::x', 'f::/\\X/::x',
  'f::/\\p{sc=Foo}/::x', 'f::/(?<n>a)/::${n', 'f::/x{,3}/::x', 'f::/(?<n>a)/::${n}${n}', 'f::/\\N{LATIN SMALL LETTER A}/::x',
  '/f.*/::/a/::b', 'f*', 'f::MD5', 'f::OID.2.16.840.1.101.3.4.2.1', 'f::KECCAK-256', 'f::RIPEMD160', 'f::BLAKE2B-256',
];

/** Digest names for `field::ALGO` and the default-algorithm setting. */
const DIGESTS: readonly string[] = [
  'SHA-256', 'SHA-512', 'SHA-1', 'SHA-224', 'SHA-384', 'MD5', 'SHA3-224', 'SHA3-256', 'SHA3-384', 'SHA3-512',
  'sha-256', 'SHA256', 'SHA-512/256', 'SHA-512/224', 'SHA', 'OID.2.16.840.1.101.3.4.2.1', '2.16.840.1.101.3.4.2.8',
];
/**
 * Digests of Bouncy Castle providers: the 2.x plugin registers Bouncy Castle (all of these), 3.4.0.0 registers
 * Bouncy Castle FIPS (RIPEMD*, WHIRLPOOL, SHAKE*, SHA-512(256) among these; no KECCAK, BLAKE2, BLAKE3, SM3).
 * A sample for masking; validation also runs every name of the catalogue (CATALOGUE_NAMES).
 */
const BC_DIGESTS: readonly string[] = [
  'KECCAK-256', 'RIPEMD160', 'BLAKE2B-256', 'BLAKE2S-256', 'SM3', 'BLAKE3-256', 'SHAKE256', 'WHIRLPOOL', 'RIPEMD320', 'SHA-512(256)',
];

/**
 * Every digest name of the catalogue (either generation's) and the `OID.` form of each object identifier: the
 * 3.x rules were once extrapolated from BC_DIGESTS alone, and a real 3.4.0 node refused 32 names the SDK accepted.
 */
const CATALOGUE_NAMES: readonly string[] = ((): string[] => {
  const names = new Set(digestNames());
  for (const n of [...names]) if (/^\d/.test(n)) names.add(`OID.${n}`);
  return [...names];
})();

/**
 * 3.x compiles a `/regex/` field part when it parses the expression (2.x only when it evaluates the role, which
 * this harness does not do): refused with the JDK's message, before the digest or the replacements are looked at.
 */
const FIELD_REGEX_V3: readonly string[] = [
  '/[/', '/', '//', '/x[/', '/*[/', '/[]/', '/a{/::SHA-256', '/[/::NOPE', '/[/::a::b', '/(/::/(/::x', '/\\p{IsFoo}/', '/(?<n>a)\\k<m>/',
  '/[/ ', 'a/[/', '/(?i)dest/::MD5', '/\\p{InGreek}.*/',
];

/** Fields in expressions: plain names, wildcards, keyword sub-fields. */
const FIELDS: readonly string[] = ['f', 'Dest', 'user.name', 'f*', '*'];

/** Builds the corpus for one flavour (the same seed gives the same cases). */
export function buildCorpus(flavour: RefereeFlavour, seed = 15): RefereeCase[] {
  const r = prng(seed);
  const cases: RefereeCase[] = [];
  const add = (c: Omit<RefereeCase, 'id'>): void => {
    const clean: RefereeCase = { id: cases.length, ...c };
    if (clean.salt === undefined) delete clean.salt;
    if (clean.algorithmDefault === undefined) delete clean.algorithmDefault;
    cases.push(clean);
  };

  // Default BLAKE2b masks: 2.x legacy (salt as personalization); 3.x salted, and 3.x with the legacy setting.
  const defaults: (string | undefined)[] = flavour === '3.x' ? [undefined, 'BLAKE2B_LEGACY_DEFAULT', 'blake2b_legacy_default'] : [undefined];
  for (let i = 0; i < 120; i++) {
    add({ op: 'mask', group: 'default blake2b', expression: pick(r, FIELDS), value: randomValue(r), salt: pick(r, SALTS), algorithmDefault: pick(r, defaults) });
  }
  // Configured default digests (plain `field` entries hashed with the setting's digest).
  for (let i = 0; i < 60; i++) {
    add({ op: 'mask', group: 'configured default digest', expression: pick(r, FIELDS), value: randomValue(r), salt: pick(r, SALTS), algorithmDefault: pick(r, DIGESTS) });
  }
  // Per-field digests, with and without a default setting (3.x: BLAKE2B_LEGACY_DEFAULT overrides them).
  for (let i = 0; i < 80; i++) {
    const algo = r() < 0.2 ? pick(r, BC_DIGESTS) : pick(r, DIGESTS);
    const setting = r() < 0.25 ? pick(r, flavour === '3.x' ? ['BLAKE2B_LEGACY_DEFAULT', 'SHA-1'] : ['SHA-1', 'MD5']) : undefined;
    add({ op: 'mask', group: 'field digest', expression: `${pick(r, FIELDS)}::${algo}`, value: randomValue(r), salt: pick(r, SALTS), algorithmDefault: setting });
  }
  // The legacy override of 3.x, kept as a fixed case: `field::SHA-512` with BLAKE2B_LEGACY_DEFAULT gives legacy BLAKE2b.
  if (flavour === '3.x') {
    add({ op: 'mask', group: 'field digest', expression: 'Dest::SHA-512', value: 'Munich Airport', salt: 'fgac-local-salt-2f8a1c', algorithmDefault: 'BLAKE2B_LEGACY_DEFAULT' });
  }
  // Regex chains: every construct many times, 1-3 pairs, over generated values; every third round the value
  // carries a supplementary character (surrogate pairs are where JavaScript and Java disagree most).
  for (let i = 0; i < REGEXES.length * 9; i++) {
    const base = REGEXES[i % REGEXES.length]!;
    const pairs = [base, ...Array.from({ length: r() < 0.3 ? int(r, 1, 2) : 0 }, () => pick(r, REGEXES))];
    const expression = [pick(r, FIELDS), ...pairs.flatMap((p) => [`/${p.re}/`, pick(r, p.reps)])].join('::');
    let value = randomValue(r);
    if (Math.floor(i / REGEXES.length) % 3 === 2) {
      const at = int(r, 0, value.length);
      value = `${value.slice(0, at)}${pick(r, ['😀', '🎉', '𝔸', '𐐀'])}${value.slice(at)}`;
    }
    add({ op: 'mask', group: `regex: ${base.construct}`, expression, value, salt: pick(r, SALTS) });
  }
  // Validation: every regex construct, the digests, and the invalid/edge expressions, as the roles API checks them.
  for (const p of REGEXES) for (const rep of p.reps) add({ op: 'validate', group: 'validate regex', expression: `f::/${p.re}/::${rep}` });
  for (const d of [...DIGESTS, ...BC_DIGESTS]) add({ op: 'validate', group: 'validate digest', expression: `f::${d}` });
  for (const e of INVALID_OR_EDGE) add({ op: 'validate', group: 'validate invalid/edge', expression: e });
  for (const d of CATALOGUE_NAMES) add({ op: 'validate', group: 'validate catalogue digest', expression: `f::${d}` });
  if (flavour === '3.x') for (const e of FIELD_REGEX_V3) add({ op: 'validate', group: 'validate field regex', expression: e });
  // Masking with the invalid/edge expressions too (the search path), over a value the regexes match.
  for (const e of INVALID_OR_EDGE) add({ op: 'mask', group: 'mask invalid/edge', expression: e, value: 'aab(x)$1 é' });
  addFieldMatching(flavour, r, add);
  return cases;
}

/** Field patterns as roles write them: exact, `*`/`?` wildcards, dotted paths, `/regex/`, edge cases. */
const FIELD_PATTERNS: readonly string[] = [
  'a', 'abc', 'a*', '*c', 'a?c', 'a.b', 'a.*', 'a.b.c', '*.c', '*', '**', '?', 'A*', 'ä*', 'a*c*', 'a.b*', 'Dest', 'user.*',
  '/a.*/', '/[a-c]+/', '/(?i)abc/', '/a\\.b/', '/.*\\.keyword/', '/a|b.c/', '/\\p{L}+/', ' a', 'a ', '',
];
const FIELD_NAMES: readonly string[] = [
  'a', 'abc', 'ab', 'ac', 'a.b', 'a.b.c', 'a.bc', 'b.c', 'c', 'A', 'Abc', 'äx', 'a.keyword', 'abc.keyword', 'a.b.keyword',
  'Dest', 'Dest.keyword', 'user.name', 'user', 'x.a.b', 'a.b.c.d', 'keyword', '.keyword', 'a..b', 'ABC', 'a c',
];

function addFieldMatching(flavour: RefereeFlavour, r: Rand, add: (c: Omit<RefereeCase, 'id'>) => void): void {
  for (let i = 0; i < 200; i++) {
    add({ op: 'pattern', group: 'field pattern', expression: pick(r, FIELD_PATTERNS), field: pick(r, FIELD_NAMES) });
  }
  if (flavour !== '3.x') return;
  const flsEntry = (): string => {
    const p = pick(r, FIELD_PATTERNS.filter((x) => x !== ''));
    return r() < 0.4 ? `${r() < 0.8 ? '~' : '!'}${p}` : p;
  };
  for (let i = 0; i < 200; i++) {
    const patterns = Array.from({ length: int(r, 1, 3) }, flsEntry);
    add({ op: 'fls', group: 'fls', expression: patterns.join(','), patterns, field: pick(r, FIELD_NAMES) });
  }
  for (let i = 0; i < 150; i++) {
    const patterns = Array.from({ length: int(r, 1, 3) }, () => `${pick(r, FIELD_PATTERNS.filter((x) => x !== ''))}${pick(r, ['', '::SHA-256', '::/x/::y'])}`);
    add({ op: 'maskmatch', group: 'masked field match', expression: patterns.join(','), patterns, field: pick(r, FIELD_NAMES) });
  }
}
