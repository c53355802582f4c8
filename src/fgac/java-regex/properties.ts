/**
 * The Unicode and Java properties of `\p{...}` / `\P{...}` as the JDK resolves their names: general
 * categories, POSIX and `java...` classes, binary properties, scripts and blocks (from the JDK's own
 * block table, see unicode-blocks.ts).
 */
import {
  BINARY_COMPOSED, BINARY_JDK21, BINARY_PROPS, CASE_CATEGORIES, EXTRA_PROPS, GENERAL_CATEGORIES, isJsScript, NAMED_PROPS,
  OTHER_JAVA_PROPS, POSIX, propSet, UNICODE_POSIX, type CharSet,
} from './charset.js';
import { findUnicodeBlock } from './jdk-tables.js';

/** What resolving a property name reports back to the scanner. */
export interface PropertyContext {
  /** Records a construct the JDK accepts but this library cannot reproduce. */
  unsupported(feature: string, detail?: string): void;
  /** Records that the JDK's verdict cannot be known here. */
  unknowable(why: string): void;
  /** Java-only syntax met. */
  readonly javaOnly: Set<string>;
  /** Throws the JDK's PatternSyntaxException for the property. */
  fail(description: string): never;
  /** UNICODE_CHARACTER_CLASS `(?U)` is on (POSIX names then mean Unicode properties). */
  readonly unicodeClasses: boolean;
}

const nothing = (): CharSet => ({ ranges: [], props: [], negated: false });

/** A Unicode block by any name `Character.UnicodeBlock.forName` accepts; undefined when the JDK knows none. */
function block(name: string, ctx: PropertyContext): CharSet | undefined {
  const b = findUnicodeBlock(name);
  if (!b) return undefined;
  ctx.javaOnly.add('Unicode block property');
  if (b.jdkDependent === 'newer-jdk') {
    ctx.unsupported('Unicode block property', `${b.id} is known to JDK 21 and newer only`);
    ctx.unknowable(`Unicode block ${name} (JDK 21 and newer only)`);
    return nothing();
  }
  if (b.jdkDependent === 'range') {
    ctx.unsupported('Unicode block property', `the range of ${b.id} differs between JDK versions`);
    return nothing();
  }
  return { ranges: [[b.lo, b.hi]], props: [], negated: false };
}

/** The set `\p{name}` denotes; throws the JDK's message (through `ctx.fail`) for a name the JDK does not know. */
export function propertySet(name: string, ctx: PropertyContext): CharSet {
  const eq = name.indexOf('=');
  if (eq >= 0) {
    const key = name.slice(0, eq).toLowerCase();
    const value = name.slice(eq + 1);
    const unknown = (): never => ctx.fail(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
    if (key === 'script' || key === 'sc') return script(value) ?? unknown();
    if (key === 'general_category' || key === 'gc') {
      if (!GENERAL_CATEGORIES.has(value)) unknown();
      return propSet(`\\p{${value}}`, CASE_CATEGORIES.has(value));
    }
    if (key === 'block' || key === 'blk') return block(value, ctx) ?? unknown();
    return unknown();
  }
  if (name.startsWith('In')) return block(name.slice(2), ctx) ?? ctx.fail(`Unknown character property name {${name}}`);
  if (name.startsWith('Is')) {
    // The JDK tries a binary property or the Unicode form of a POSIX name (any case), then a
    // category/POSIX/java name, then a script.
    const rest = name.slice(2);
    const set = binaryProperty(rest, ctx) ?? namedProperty(rest, ctx) ?? script(rest);
    if (set) return set;
    return ctx.fail(`Unknown character property name {${name}}`);
  }
  // Under UNICODE_CHARACTER_CLASS the JDK reads a POSIX name (any case) with its Unicode meaning first.
  const unicodePosix = ctx.unicodeClasses ? UNICODE_POSIX[name.toUpperCase()] : undefined;
  if (unicodePosix) return unicodePosix;
  return namedProperty(name, ctx) ?? ctx.fail(`Unknown character property name {${name}}`);
}

/** A general category, POSIX class, `java...` property or `L1`/`LD`/`all` (case-sensitive, as in the JDK). */
function namedProperty(name: string, ctx: PropertyContext): CharSet | undefined {
  const posix = POSIX[name] ?? EXTRA_PROPS[name];
  if (posix) {
    ctx.javaOnly.add(`\\p{${name}}`);
    return posix;
  }
  const named = NAMED_PROPS[name];
  if (named) {
    ctx.javaOnly.add(`\\p{${name}}`);
    return named;
  }
  if (OTHER_JAVA_PROPS.has(name)) {
    ctx.unsupported(`character property ${name}`);
    return nothing();
  }
  if (GENERAL_CATEGORIES.has(name)) return propSet(`\\p{${name}}`, CASE_CATEGORIES.has(name));
  return undefined;
}

/** A binary Unicode property, or a POSIX name with its Unicode meaning, after `Is` (case-insensitive in the JDK). */
function binaryProperty(name: string, ctx: PropertyContext): CharSet | undefined {
  const upper = name.toUpperCase();
  const js = BINARY_PROPS[upper];
  if (js !== undefined) return propSet(js, upper === 'LOWERCASE' || upper === 'UPPERCASE' || upper === 'TITLECASE');
  const composed = BINARY_COMPOSED[upper];
  if (composed) return composed;
  if (BINARY_JDK21.has(upper)) {
    ctx.unsupported(`character property Is${name}`);
    ctx.unknowable(`character property Is${name} (JDK 21 and newer only)`);
    return nothing();
  }
  return UNICODE_POSIX[upper];
}

/** A Unicode script after `Is` (the JDK ignores case; JavaScript knows the same scripts with their own casing). */
function script(name: string): CharSet | undefined {
  const titled = name.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('_');
  for (const candidate of [name, titled]) if (/^[A-Za-z_]+$/.test(candidate) && isJsScript(candidate)) return propSet(`\\p{Script=${candidate}}`);
  return undefined;
}
