/**
 * Judges the SDK against the referee's answers: masked values (`maskValue`) and expression validation
 * (`parseMaskedFieldExpression`, whose `exact` messages must equal the plugin's, and `parseMaskedField`).
 * Public names of the SDK, plus the internal `compileMaskedFields` for which entry applies to a field.
 */
import {
  maskValue, parseMaskedField, parseMaskedFieldExpression, matchesFieldPattern, isFieldVisible,
  MaskingExpressionError, UnsupportedJavaRegexError, UnsupportedMaskingError, type MaskValueOptions,
} from '../../src/index.js';
// Which masked-field entry applies to a field: an internal of verify/ (not a root export).
import { compileMaskedFields } from '../../src/verify/masking.js';
import type { RefereeCase, RefereeFlavour } from './corpus.js';
import type { RefereeAnswer } from './harness.js';

/** The SDK's answer to one case. */
export type SdkAnswer =
  | { kind: 'value'; value: string }
  | { kind: 'refused'; message: string; exact: boolean; code?: string }
  | { kind: 'declined'; feature: string; regex: boolean }
  | { kind: 'crashed'; message: string };

/** One case where the SDK and the plugin differ. */
export interface Disagreement { flavour: RefereeFlavour; case: RefereeCase; sdk: SdkAnswer; plugin: RefereeAnswer; what: string }

/** The tally of one flavour. */
export interface Tally {
  flavour: RefereeFlavour;
  cases: number;
  agreed: number;
  disagreed: Disagreement[];
  /** Cases the SDK declined (UnsupportedJavaRegexError), by feature. */
  declinedRegex: Map<string, number>;
  /** Cases the SDK declined for another reason (UnsupportedMaskingError, e.g. a digest it cannot compute). */
  declinedOther: Map<string, number>;
  /** Refusals where both refuse and the SDK's (inexact) message nonetheless equals the plugin's. */
  inexactMessagesEqual: number;
  inexactMessages: number;
  /**
   * Expressions the SDK refuses for an invalid replacement string while the plugin accepts them (it checks
   * replacements only when masking a matching value): stricter by design, documented on parseMaskedFieldExpression.
   */
  stricter: RefereeCase[];
}

/** The cluster settings of a case as the SDK's options (3.x without the setting = `BLAKE2B`, the SDK's name for it). */
export function sdkOptions(flavour: RefereeFlavour, c: RefereeCase): MaskValueOptions {
  const opts: MaskValueOptions = { expression: c.expression, pluginVersion: flavour === '3.x' ? '3.4.0' : '2.19.4' };
  if (c.salt !== undefined) opts.salt = c.salt;
  const def = c.algorithmDefault ?? (flavour === '3.x' ? 'BLAKE2B' : undefined);
  if (def !== undefined) opts.defaultAlgorithm = def;
  return opts;
}

function catchSdk(fn: () => string): SdkAnswer {
  try {
    return { kind: 'value', value: fn() };
  } catch (e) {
    if (e instanceof UnsupportedJavaRegexError) return { kind: 'declined', feature: e.feature, regex: true };
    if (e instanceof UnsupportedMaskingError) return { kind: 'declined', feature: e.feature, regex: false };
    if (e instanceof MaskingExpressionError) return { kind: 'refused', message: e.message, exact: false };
    return { kind: 'crashed', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** The SDK's masked value for a mask case. */
export function sdkMask(flavour: RefereeFlavour, c: RefereeCase): SdkAnswer {
  return catchSdk(() => maskValue(c.value ?? '', sdkOptions(flavour, c)));
}

/** The SDK's validation verdict (security helpers' parser, with the plugin's wording where exact). */
export function sdkValidate(flavour: RefereeFlavour, c: RefereeCase): SdkAnswer {
  const r = parseMaskedFieldExpression(c.expression, { dialect: flavour === '3.x' ? 'v3' : 'v2' });
  if (r.ok) return { kind: 'value', value: '' };
  return { kind: 'refused', message: r.error.message, exact: r.error.exact, code: r.error.code };
}

/**
 * The verify module's verdict on the same expression: parseMaskedField throws MaskingExpressionError for a
 * refused entry; an accepted entry it cannot reproduce (`unsupported`) is still an acceptance.
 */
export function sdkVerifyParse(flavour: RefereeFlavour, c: RefereeCase): SdkAnswer {
  return catchSdk(() => {
    parseMaskedField(c.expression, { pluginVersion: flavour === '3.x' ? '3.4.0' : '2.19.4' });
    return '';
  });
}

/**
 * The SDK's field matching: `pattern` = matchesFieldPattern, `fls` = isFieldVisible(field, one role, 'leaf', the flavour's version),
 * `maskmatch` = the first compileMaskedFields entry matching the field (or `<none>`), as strings.
 */
export function sdkFieldMatch(flavour: RefereeFlavour, c: RefereeCase): SdkAnswer {
  const field = c.field ?? '';
  return catchSdk(() => {
    if (c.op === 'pattern') return String(matchesFieldPattern(c.expression, field));
    // the plugin generation judging: without a version a field the generations read differently is undecided
    if (c.op === 'fls') return String(isFieldVisible(field, c.patterns ?? [], 'leaf', { pluginVersion: flavour === '3.x' ? '3.4.0' : '2.19.4' }));
    const set = compileMaskedFields(c.patterns ?? [], sdkOptions(flavour, c));
    return set.match(field)[0]?.source ?? '<none>';
  });
}

/** Compares an SDK answer with the plugin's; returns why they differ, or null when they agree. */
export function differs(sdk: SdkAnswer, plugin: RefereeAnswer): string | null {
  if (sdk.kind === 'crashed') return `SDK crashed: ${sdk.message}`;
  if (sdk.kind === 'value') {
    if (!plugin.ok) return `SDK accepted, plugin refused (${plugin.error}: ${plugin.message})`;
    return plugin.value === undefined || plugin.value === sdk.value ? null : 'different value';
  }
  if (sdk.kind === 'refused') {
    if (plugin.ok) return `SDK refused (${sdk.message}), plugin accepted`;
    if (sdk.exact && sdk.message !== plugin.message) return `message differs: SDK ${JSON.stringify(sdk.message)}, plugin ${JSON.stringify(plugin.message)}`;
    return null;
  }
  return null;
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Judges every case of one flavour with the given SDK function. */
export function judge(flavour: RefereeFlavour, cases: readonly RefereeCase[], answers: Map<number, RefereeAnswer>,
  sdkOf: (flavour: RefereeFlavour, c: RefereeCase) => SdkAnswer): Tally {
  const tally: Tally = {
    flavour, cases: cases.length, agreed: 0, disagreed: [], declinedRegex: new Map(), declinedOther: new Map(), inexactMessagesEqual: 0, inexactMessages: 0, stricter: [],
  };
  for (const c of cases) {
    const plugin = answers.get(c.id);
    if (!plugin) throw new Error(`no referee answer for case ${c.id}`);
    const sdk = sdkOf(flavour, c);
    if (sdk.kind === 'declined') {
      bump(sdk.regex ? tally.declinedRegex : tally.declinedOther, sdk.feature);
      continue;
    }
    if (sdk.kind === 'refused' && sdk.code === 'replacement' && plugin.ok) {
      tally.stricter.push(c);
      continue;
    }
    const what = differs(sdk, plugin);
    if (what !== null) {
      tally.disagreed.push({ flavour, case: c, sdk, plugin, what });
      continue;
    }
    tally.agreed++;
    if (sdk.kind === 'refused' && !sdk.exact && !plugin.ok) {
      tally.inexactMessages++;
      if (sdk.message === plugin.message) tally.inexactMessagesEqual++;
    }
  }
  return tally;
}

const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

/**
 * A readable summary of a tally (figures first, then declines by feature and up to `max` disagreements,
 * each marked `known` when `isKnown` says so, else `NEW`).
 */
export function formatTally(label: string, t: Tally, isKnown: (d: Disagreement) => boolean = () => false, max = 15): string {
  const lines = [
    `${label} ${t.flavour}: ${t.cases} cases, agreed ${t.agreed}, disagreed ${t.disagreed.length}, declined ${sum(t.declinedRegex)} (Java regex) + ${sum(t.declinedOther)} (other)` +
      (t.stricter.length ? `, stricter by design ${t.stricter.length}` : '') +
      (t.inexactMessages ? `; both refused with an inexact SDK message ${t.inexactMessages} times, equal anyway ${t.inexactMessagesEqual}` : ''),
  ];
  for (const [f, n] of [...t.declinedRegex, ...t.declinedOther].sort((a, b) => b[1] - a[1])) lines.push(`  declined ${n}x: ${f}`);
  for (const d of t.disagreed.slice(0, max)) {
    lines.push(`  ${isKnown(d) ? 'known' : 'NEW'} disagreement [${d.case.group}] ${JSON.stringify(d.case.expression)} value=${JSON.stringify(d.case.value)} salt=${JSON.stringify(d.case.salt)} default=${JSON.stringify(d.case.algorithmDefault)}: ${d.what}` +
      (d.sdk.kind === 'value' && d.plugin.ok ? ` (SDK ${JSON.stringify(d.sdk.value)}, plugin ${JSON.stringify(d.plugin.value)})` : ''));
  }
  if (t.disagreed.length > max) lines.push(`  ... and ${t.disagreed.length - max} more`);
  return lines.join('\n');
}
