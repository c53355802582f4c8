/**
 * The per-verification state of a rule set (merged rules, reused DLS options, the `_source` walk), made once per
 * compiled rule set and handed to later verifications of the same rules. V8 keeps the hidden classes and functions
 * its optimised code was built for only weakly: when the objects of a call all died, the first full GC after it threw
 * the verifier's optimised code away ("weak objects") and every verification started unoptimised again. Between
 * calls the state holds nothing of the caller's (no salt, originals, masks or report); a verification that starts
 * while another holds the state (a callback of the expectations calling verifyHits) gets state of its own.
 */
import type { DlsEvalOptions } from './dls/index.js';
import { rememberResolvedFields, unknownBecause } from './dls/fields.js';
import { mergedOf, nodeAt, rulesFor, type Compiled, type Merged, type PathMask } from './compiled-rules.js';
import type { AccessExpectations, IndexExpectation } from './expectations.js';
import { maskVerdict, type ExpressionUses, type MaskCtx } from './mask-checks.js';
import { metaFieldCheck, setMetaSalt, type MetaFieldCheck } from './meta-fields.js';
import type { HitReport } from './report.js';
import type { SourceWalk } from './source-walk.js';

/**
 * unknownField answers for documents whose every field is unknown: no original, and a hit without `_source`
 * (NO_SOURCE) or with a `_source` the search filtered (FILTERED_SOURCE). Each names that cause in a DLS reason
 * (the fields are not hidden or masked by the roles: the document cannot be read whole).
 */
export const NO_SOURCE = unknownBecause((): boolean => true, 'cannot be read: the hit has no _source and no original is known (pass originals)');
export const FILTERED_SOURCE = unknownBecause((): boolean => true,
  "cannot be read: the search filtered _source and no original is known, so a field the query left out cannot be told from one the document lacks or the roles hid (pass originals, or search without a _source filter)");

/** A rule set as one verification uses it: the merged rules, reused DLS options, and the walk over `_source`. */
export interface InUse {
  m: Merged;
  /** DLS options, reused from hit to hit (only `id`, `index` and `unknownField` change; nothing keeps them). */
  dlsOptions: DlsEvalOptions;
  walk: SourceWalk;
  /** masked_fields matching `_id` (null: none): the plugin masks a search hit's `_id` (fls-source.ts maskedHitId). */
  idMask: PathMask | null;
  /** `_id` / `_source` that 1.x/2.x leave out of hits under these FLS rules, `_routing` / `_ignored` under masks. */
  meta: MetaFieldCheck | undefined;
  /** What `meta` was made for: saltKnown and strictMasks (-1: not made yet). */
  metaFor: number;
  /** Held by a verification (then a verification starting meanwhile makes its own). */
  busy: boolean;
}

/** What a released state's mask context holds instead of a verification's (nothing of any caller's). */
const NO_REPORT = undefined as unknown as HitReport;
const NO_USES: Map<string, ExpressionUses> = new Map();
const NO_EXPECTATIONS: AccessExpectations = Object.freeze({ indices: Object.freeze([]) });

/** The state kept per compiled rule set between verifications. */
const spare = new WeakMap<Compiled, InUse>();

/**
 * The state of the rules for `exp` in this verification (`uses`: its record of masks checked for shape only), held
 * until `releaseUse`.
 */
export function takeUse(exp: IndexExpectation, all: AccessExpectations, topSaltKnown: boolean, uses: Map<string, ExpressionUses>): InUse {
  const { compiled, salt } = rulesFor(exp, all);
  // an index's own `masking.salt` makes its masks computable although no cluster salt was given
  const saltKnown = topSaltKnown || salt !== undefined;
  let use = spare.get(compiled);
  if (use === undefined || use.busy) {
    const made = useOf(mergedOf(compiled, salt));
    if (use === undefined) spare.set(compiled, made);
    use = made;
  }
  use.busy = true;
  use.m.salt = salt;
  const mask = use.walk.mask;
  mask.saltKnown = saltKnown;
  mask.all = all;
  mask.uses = uses;
  try {
    const metaFor = (saltKnown ? 2 : 0) + (all.strictMasks === true ? 1 : 0);
    if (use.metaFor !== metaFor) {
      use.metaFor = -1;
      use.meta = metaFieldCheck(use.m, saltKnown, all.strictMasks);
      use.metaFor = metaFor;
    } else setMetaSalt(use.meta, salt);
  } catch (error) {
    releaseUse(use);
    throw error;
  }
  return use;
}

/** Ends a verification's hold on its state and drops what it held of the caller's. */
export function releaseUse(use: InUse): void {
  use.m.salt = undefined;
  use.m.memo.clear();
  setMetaSalt(use.meta, undefined);
  const o = use.dlsOptions;
  o.id = '';
  o.index = undefined;
  o.unknownField = undefined;
  const w = use.walk;
  w.mask.rep = NO_REPORT;
  w.mask.uses = NO_USES;
  w.mask.all = NO_EXPECTATIONS;
  w.hidden.length = 0;
  w.undecided.clear();
  w.origKnown = false;
  w.stray = undefined;
  use.busy = false;
}

/** New state for merged rules. */
function useOf(m: Merged): InUse {
  // every option own from the start (set per hit below): none is read from, or written through, a polluted Object.prototype
  const dlsOptions: DlsEvalOptions = { id: '', index: undefined, unknownField: undefined, fieldTypes: m.fieldTypes ? m.fieldTypes : undefined, user: undefined, pluginVersion: undefined };
  // the checked table stays as it is (the compiled rules' copy), and these answer the same for a path every time
  rememberResolvedFields(dlsOptions, [undefined, m.unknownField, NO_SOURCE, FILTERED_SOURCE]);
  const mask: MaskCtx = { rep: NO_REPORT, m, all: NO_EXPECTATIONS, saltKnown: false, uses: NO_USES };
  // every generation masks a search hit's `_id` under an entry matching it (fls-source.ts pluginMaskedMetaFields); `_id` is
  // ASCII, which no input check declines: were its match still unknown, the hit's id is taken as shown
  const id = m.maskExpressions.length > 0 ? maskVerdict(m, nodeAt(m, '_id'), undefined) : null;
  const idMask = typeof id === 'string' ? null : id;
  // masks are checked unless the plugin fails every search under them (2.x's name clash); a clash without a version
  // leaves the paths it concerns undecided, not the others (source-walk.ts maskAt)
  const clash = m.maskClash;
  const masks = m.maskExpressions.length > 0 && clash?.kind !== 'fails';
  const walk: SourceWalk = { mask, fls: m.fls.mode !== 'all', masks, origKnown: false, hidden: [], stray: undefined, undecided: new Set(), clash: clash?.kind === 'undecided' ? clash.message : undefined };
  return { m, dlsOptions, idMask, meta: undefined, metaFor: -1, walk, busy: false };
}
