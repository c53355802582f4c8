/**
 * Verifies a search response against what a principal's roles promise: document-level security
 * (every hit must match the roles' DLS), field-level security (no hidden field visible, also via
 * `.keyword` and nested paths) and field masking (masked fields masked correctly and consistently).
 */
import { valuesAt, type DlsResult } from './dls/index.js';
import { evaluateReturnedDls } from './dls/evaluate.js';
import { isRecord, nodeAt, type Merged } from './compiled-rules.js';
import { NestingTooDeepError } from '../fgac/json.js';
import { MaskingExpressionError, UnsupportedMaskingError } from '../fgac/errors.js';
import { ConfigError } from '../errors/classes.js';
import { dialectOfMajor, pluginMajorVersion } from '../fgac/plugin-version.js';
import { fieldPaths } from './fls.js';
import { pluginSourceView, shownPaths } from './fls-source.js';
import { AccessViolationError } from './errors.js';
import type { AccessExpectations, IndexExpectation } from './expectations.js';
import { readExpectations } from './check-expectations.js';
import { searchHitsOf } from './response-hits.js';
import { callbackFailed, checkHitShape, isKeyOf, isPlainMap, partOf, verdictOf } from './hit-input.js';
import { expectationLookup, expectationOf } from './index-match.js';
import { checkFieldsValue, crossHitFindings, multiFieldOfMasked, type ExpressionUses } from './mask-checks.js';
import { hiddenKeys, maskAt, NOTE_2X_ARRAYS, walkSource, type SourceWalk } from './source-walk.js';
import { PathTrie } from './path-trie.js';
import { checkSortValues } from './sort-checks.js';
import { checkMetaFields, originalIdOfMasked, reportClearId } from './meta-fields.js';
import { FILTERED_SOURCE, NO_SOURCE, releaseUse, takeUse, type InUse } from './rule-use.js';
import { addFinding, addUnverifiable, literalHitReport, newHitReport, summarize, type HitReport, type VerificationReport } from './report.js';
import { ArgumentTypeError, inputFailure } from '../fgac/argument-error.js';
import { field, hasField, opt } from '../errors/own.js';
import { checkSharedPrototypes, sharedPrototypes } from './prototype-check.js';

/** A search hit as verifyHits reads it. */
export interface SearchHit {
  _index: string;
  _id: string;
  _source?: unknown;
  fields?: Record<string, unknown>;
  highlight?: Record<string, unknown>;
}

/** Extracts hits from a search response body or an opensearch-js `{ body }` response. */
export function hitsOf(response: unknown): SearchHit[] {
  let r = response;
  if (isRecord(r) && isRecord(field(r, 'body')) && !hasField(r, 'hits')) r = r.body;
  const hits = isRecord(r) ? field(r, 'hits') : undefined;
  const list = isRecord(hits) ? field(hits, 'hits') : undefined;
  if (!Array.isArray(list)) throw new ArgumentTypeError('not a search response: expected hits.hits[]');
  return (list as unknown[]).filter(isRecord).map((h) => {
    const fields = field(h, 'fields');
    const highlight = field(h, 'highlight');
    return {
      _index: String(field(h, '_index')),
      _id: String(field(h, '_id')),
      ...(hasField(h, '_source') ? { _source: h._source } : {}),
      ...(isRecord(fields) ? { fields } : {}),
      ...(isRecord(highlight) ? { highlight } : {}),
    };
  });
}


/** A hit report's DLS result until it is decided (every path below replaces it). */
const NOT_YET: DlsResult = Object.freeze({ result: 'match' });

/** Checks the hits of a search response against the expectations; never throws on violations. */
export function verifyHits(response: unknown, given: AccessExpectations): VerificationReport {
  try {
    return verifyHitsOf(response, given);
  } catch (error) {
    throw inputFailure('verifyHits', error);
  }
}

function verifyHitsOf(response: unknown, given: AccessExpectations): VerificationReport {
  checkSharedPrototypes();
  const expectations = readExpectations(given);
  const rawHits = searchHitsOf(response);
  const inUse = new Map<IndexExpectation, InUse>();
  try {
    return verifyRawHits(rawHits, expectations, inUse);
  } finally {
    for (const use of inUse.values()) releaseUse(use);
  }
}

/** verifyHitsOf on checked expectations, holding the rules' state in `inUse` (released by the caller). */
function verifyRawHits(rawHits: unknown[], expectations: AccessExpectations, inUse: Map<IndexExpectation, InUse>): VerificationReport {
  const lookup = expectationLookup(expectations);
  const uses = new Map<string, ExpressionUses>();
  const hitReports: HitReport[] = [];
  /** Per index: masked search-hit ids of the originals -> their ids (originalIdOfMasked). */
  const maskedIds = new Map<string, Map<string, string>>();
  const sourceComplete = expectations.sourceComplete !== false;
  const saltKnown = expectations.salt !== undefined;
  const originals = expectations.originals;
  const dlsVerdict = expectations.dlsVerdict;
  // the expectation of the previous hit's index (hits of one response mostly share an index)
  let lastIndex: string | undefined;
  let lastUse: InUse | null = null;
  /** The previous hit's expectation has no rule: no grant covers its index. */
  let lastUngranted = false;
  /** Why the previous hit's expectation cannot say which grants apply, if so. */
  let lastUndecided: string | undefined;
  let keyPrefix = '';
  // a plain Map is walked alongside the hits while its entries come in their order (same values as get)
  let inOrder = isPlainMap(originals) ? originals.entries() : undefined;

  // a polluted Object.prototype (checked once, at the start): the hits are read by their own keys and the reports made
  // as literals; otherwise each read is the plain property load the loop was optimised for
  const guard = sharedPrototypes.polluted;
  for (const h of rawHits) {
    if (!isRecord(h)) {
      // not a hit at all: reported, never silently left out of a passing report
      const rep = (guard ? literalHitReport : newHitReport)({ result: 'unverifiable', reason: 'not a hit object' });
      hitReports.push(rep);
      addUnverifiable(rep, { aspect: 'hit', reason: `hits.hits holds ${h === null ? 'null' : typeof h}, not a hit object` });
      continue;
    }
    const rep = guard ? literalHitReport(NOT_YET) : newHitReport(NOT_YET);
    hitReports.push(rep);
    try {
      const rawIndex = guard ? field(h, '_index') : h._index;
      const index = typeof rawIndex === 'string' ? rawIndex : String(rawIndex);
      // 2.x returns hits without _id when an FLS exclusion matches it (`~*`, `~*id`): such a hit has no original
      const rawId = guard ? field(h, '_id') : h._id;
      const hasId = typeof rawId === 'string';
      const id = hasId ? (rawId as string) : '';
      const source = guard ? field(h, '_source') : h._source;
      // read apart from _source: one that cannot be read leaves the rest of the hit judged (and the hit unverifiable)
      const fields = partOf(h, 'fields', rep);
      const highlight = partOf(h, 'highlight', rep);
      rep.index = index;
      rep.id = id;
      checkHitShape(rep, h, source);
      if (index !== lastIndex) {
        lastIndex = index;
        keyPrefix = `${index}/`;
        const exp = expectationOf(lookup, index);
        lastUngranted = exp ? exp.rules.length === 0 : false;
        lastUndecided = exp?.undecided;
        lastUse = exp ? inUse.get(exp) ?? null : null;
        if (exp && !lastUse) {
          lastUse = takeUse(exp, expectations, saltKnown, uses);
          inUse.set(exp, lastUse);
        }
      }
      const use = lastUse;
      if (use === null) {
        rep.dls = { result: 'match' };
        rep.unverifiable.push({ aspect: 'hit', index, id, reason: 'no expectation covers this index' });
        continue;
      }
      if (lastUndecided !== undefined) {
        rep.dls = { result: 'unverifiable', reason: lastUndecided };
        addUnverifiable(rep, { aspect: 'hit', reason: `which grants apply is unknown: ${lastUndecided}` });
        continue;
      }
      if (lastUngranted) {
        // without a grant on the index the plugin refuses the search (or, under do_not_fail_on_forbidden, leaves the index out)
        rep.dls = { result: 'no-match', reason: 'no grant covers this index' };
        addFinding(rep, { kind: 'dls-violation', detail: 'no role grants anything on this index (the expectation has no rule): the plugin returns none of its documents' });
        continue;
      }
      const m = use.m;
      let orig: unknown;
      // the id the originals know the document by: a masked search hit's `_id` (masked_fields match `_id`) is looked up
      let lookupId: string | undefined = id;
      try {
        if (use.idMask !== null && hasId && originals && !(guard ? hasField(h, 'found') : 'found' in h)) {
          lookupId = originalIdOfMasked(maskedIds, originals, index, id, use.idMask, m.salt);
          const clear = lookupId === undefined && pluginMajorVersion(m.masking.pluginVersion) !== undefined && (typeof originals === 'function' ? originals(index, id) : originals.get(keyPrefix + id)) !== undefined;
          if (clear) {
            reportClearId(rep, use.idMask);
            lookupId = id;
          }
          inOrder = undefined;
        }
        if (!originals || !hasId || lookupId === undefined) orig = undefined;
        else if (lookupId !== id) orig = typeof originals === 'function' ? undefined : originals.get(keyPrefix + lookupId);
        else if (typeof originals === 'function') orig = originals(index, id);
        else if (inOrder !== undefined) {
          // originals listed in the order of the hits: the next entry is this hit's (no hash lookup)
          const next = inOrder.next();
          if (!next.done && isKeyOf(next.value[0], index, id)) orig = next.value[1];
          else {
            inOrder = undefined;
            orig = originals.get(keyPrefix + id);
          }
        } else orig = originals.get(keyPrefix + id);
      } catch {
        // the caller's lookup failed: said as such (not as an unreadable hit, which would hide this hit's findings)
        throw callbackFailed('expectations.originals');
      }
      if (use.idMask !== null && originals && orig === undefined) addUnverifiable(rep, { aspect: 'hit', reason: 'the hit _id is masked (masked_fields match _id): its original cannot be found, so masks are not recomputed' });
      const known = orig !== undefined;
      const innerHits = partOf(h, 'inner_hits', rep);
      if (innerHits !== undefined && Object.keys(innerHits).length > 0) addUnverifiable(rep, { aspect: 'hit', reason: 'inner_hits are not verified' });

      // ---- DLS
      if (m.dls.length > 0) {
        const dlsOptions = use.dlsOptions;
        // a masked _id is not the id DLS `ids` and `_id` queries compare (the plugin filters before masking)
        dlsOptions.id = use.idMask !== null && lookupId === id ? undefined : lookupId;
        dlsOptions.index = index;
        // The plugin runs DLS on what the user's own FLS and masks leave of the document (checked on 2.19.4 and
        // 3.4.0: `must_not term s:a` lets s=a through when s is hidden or masked): fields they change are unknown.
        const changes = use.walk.fls || m.maskExpressions.length > 0;
        const unknown = known ? (changes ? m.unknownField : undefined) : source === undefined ? NO_SOURCE : !sourceComplete ? FILTERED_SOURCE : m.unknownField;
        const server = verdictOf(dlsVerdict, index, id);
        if (server === undefined || !changes || unknown === NO_SOURCE || unknown === FILTERED_SOURCE) {
          dlsOptions.unknownField = unknown;
          rep.dls = server ?? evaluateReturnedDls(m.dls, known ? orig : source, dlsOptions, m.masking.pluginVersion);
        } else {
          // The cluster judged the whole document: its verdict stands unless the query reads a field this
          // user's FLS or masks change, or the local evaluator cannot tell whether it does and the cluster says
          // no-match (then the local evaluator says what can be said: unverifiable, never a false violation).
          let readsChanged = false;
          dlsOptions.unknownField = (path) => m.unknownField(path) && (readsChanged = true);
          const local = evaluateReturnedDls(m.dls, known ? orig : source, dlsOptions, m.masking.pluginVersion);
          rep.dls = readsChanged || (local.result === 'unverifiable' && server.result === 'no-match') ? local : server;
        }
        if (rep.dls.result === 'no-match') addFinding(rep, { kind: 'dls-violation', detail: `document does not match the roles' DLS (${opt(rep.dls, 'reason') ?? 'no query matched'})` });
        else if (rep.dls.result === 'unverifiable') addUnverifiable(rep, { aspect: 'dls', reason: opt(rep.dls, 'reason') ?? 'unverifiable' });
      } else {
        rep.dls = { result: 'match' };
      }

      // 2.x fails every search under these masked_fields or FLS entries (without a version: cannot be predicted)
      if (m.maskClash !== undefined) addUnverifiable(rep, { aspect: 'mask', reason: m.maskClash.message });
      if (m.flsFailure !== undefined) addUnverifiable(rep, { aspect: 'fls', reason: m.flsFailure });
      // ---- FLS and masking of _source in one walk; FLS findings come before the mask findings
      const walk = use.walk;
      const hidden = walk.hidden;
      if (use.meta !== undefined) checkMetaFields(rep, use.meta, h, orig);
      const flsFindingsAt = rep.findings.length;
      // With the original known, the walk also compares what the hit shows with it: DLS and masks were judged on the
      // original, so a hit showing values the original does not hold (swapped sources, a rewritten _id, an excluded
      // document's content under an allowed id) was not judged by what it shows and is never a pass. Not a finding:
      // which of the two is stale or forged is unknown.
      const compare = known && source !== undefined && source !== orig;
      if (walk.fls || walk.masks || compare) {
        if (hidden.length !== 0) hidden.length = 0;
        if (walk.undecided.size !== 0) walk.undecided.clear();
        walk.mask.rep = rep;
        walk.origKnown = known;
        walk.stray = compare && !(isRecord(source) && isRecord(orig)) ? m.root : undefined;
        if (source !== undefined) {
          try {
            walkSource(walk, source, orig, m.root, false, 0, compare && walk.stray === undefined);
          } catch (error) {
            if (!(error instanceof NestingTooDeepError) && !(error instanceof UnsupportedMaskingError)) throw error;
            addUnverifiable(rep, { aspect: 'hit', reason: error.message });
          }
        }
        const at = walk.stray?.path || '_source';
        if (walk.stray !== undefined) addUnverifiable(rep, { aspect: 'hit', path: at, reason: `the hit's _source shows a value at ${at} that the original given for it does not hold there: it was judged as that original, not as what it shows` });
      }
      if (walk.fls) {
        // key by key: one FLS cannot judge (a regex the SDK declines for the name, generations that disagree) is a doubt
        hiddenKeys(walk, fields, 'fields');
        hiddenKeys(walk, highlight, 'highlight');
        if (hidden.length > 0) flsFindings(rep, m, hidden, flsFindingsAt, source);
      }

      if (walk.masks && highlight) {
        for (const key of Object.keys(highlight)) if (maskAt(walk, nodeAt(m, key))) addUnverifiable(rep, { aspect: 'mask', path: key, reason: 'highlight of a masked field is not checked' });
      }

      // ---- Masking of `fields`
      if (walk.masks && fields) {
        for (const [key, vals] of Object.entries(fields)) {
          const pm = maskAt(walk, nodeAt(m, key));
          if (pm === undefined) continue;
          if (!pm) {
            multiFieldOfMasked(walk.mask, key, vals, source, orig, walk.clash);
            continue;
          }
          const list = Array.isArray(vals) ? vals : [vals];
          const origVals = orig === undefined ? undefined : valuesAt(orig, key.replace(/\.keyword$/, ''));
          for (const v of list) if (typeof v === 'string') checkFieldsValue(walk.mask, pm, key, v, origVals, sourceGapNote(rep, key));
        }
      }

      // ---- `sort` values: a sort on a multi-field of a masked field returns its clear value
      const sort = walk.fls || walk.masks ? (guard ? field(h, 'sort') : h.sort) : undefined;
      if (Array.isArray(sort) && sort.length > 0) {
        try {
          checkSortValues(walk.mask, walk.fls, walk.masks, sort, source, fields, orig, hasId && use.idMask === null ? id : undefined, guard ? field(h, '_score') : h._score, walk.clash);
        } catch (error) {
          if (!(error instanceof NestingTooDeepError) && !(error instanceof UnsupportedMaskingError)) throw error;
          addUnverifiable(rep, { aspect: 'hit', reason: error.message });
        }
      }
    } catch (error) {
      unreadableHit(rep, error);
    }
  }

  // ---- cross-hit mask consistency (salt unknown)
  const crossFindings = uses.size > 0 ? crossHitFindings(uses) : [];
  if (crossFindings.length > 0) {
    const firstReport = new Map<string, HitReport>();
    for (const r of hitReports) {
      const key = `${r.index}\u0000${r.id}`;
      if (!firstReport.has(key)) firstReport.set(key, r);
    }
    for (const f of crossFindings) firstReport.get(`${f.index}\u0000${f.id}`)?.findings.push(f);
  }

  return summarize(hitReports);
}

/**
 * A hit whose reading threw part-way (a getter or Proxy of a hand-built response, a value of a kind JSON never
 * holds): what was found stands and the hit is unverifiable, never a pass; the thrown text is not repeated. Errors
 * about the expectations themselves still reach the caller.
 */
function unreadableHit(rep: HitReport, error: unknown): void {
  if (error instanceof ConfigError || error instanceof MaskingExpressionError || error instanceof UnsupportedMaskingError) throw error;
  if (rep.dls === NOT_YET) rep.dls = { result: 'unverifiable', reason: 'the hit could not be read' };
  addUnverifiable(rep, { aspect: 'hit', reason: 'the hit could not be read (a getter or Proxy threw, or a value JSON never holds); pass the parsed JSON response' });
}

/**
 * The note of an FLS leak in `_source` that the plugin's own filtering produces for these rules (its
 * version known): `filterDocument` with `pluginVersion` keeps the path too. Empty otherwise.
 */
function pluginGapNote(m: Merged, source: unknown): (path: string) => string {
  const major = pluginMajorVersion(m.masking.pluginVersion);
  if (major === undefined || m.fls.merged === undefined || source === null || typeof source !== 'object') return () => '';
  const dialect = dialectOfMajor(major);
  let shown: Set<string> | undefined;
  return (path) => {
    try {
      shown ??= shownPaths(pluginSourceView(source, m.fls.merged as readonly string[], dialect), fieldPaths);
    } catch {
      return '';
    }
    return shown.has(path) ? ` (the ${dialect === 'v3' ? '3' : '2'}.x plugin's own _source filtering returns it for these rules)` : '';
  };
}

/** The 2.x array-of-objects note of an `unmasked` `_source` finding at `key` or a parent of it (`fields` mirror `_source`). */
function sourceGapNote(rep: HitReport, key: string): string {
  const f = rep.findings.find((x) => x.kind === 'unmasked' && x.location === '_source' && x.path !== undefined && (key === x.path || key.startsWith(`${x.path}.`)) && x.detail.endsWith(NOTE_2X_ARRAYS));
  return f === undefined ? '' : NOTE_2X_ARRAYS;
}

/** Adds the FLS findings of a hit's hidden paths (an object once, not its children) at position `at` of its findings. */
function flsFindings(rep: HitReport, m: Merged, hidden: SourceWalk['hidden'], at: number, source: unknown): void {
  // read by segment (PathTrie): a slice and a Set lookup per ancestor was quadratic in a hidden path's dots
  const reported = new Set<string>();
  const reportedSource = new PathTrie<true>();
  const before = rep.findings.splice(at);
  const gap = pluginGapNote(m, source);
  // `fields` are read from the returned `_source`: a key under a `_source` leak the plugin's own filtering shows inherits its note
  const noted = new PathTrie<string>();
  for (const [path, location] of hidden) {
    const key = `${location}\u0000${path}`;
    // `_source` reports an object once; each `fields`/`highlight` key is a field of its own (`t.raw` beside `t`)
    if (location === '_source' ? reportedSource.shortest(path) !== undefined : reported.has(key)) continue;
    if (location === '_source') reportedSource.set(path, true);
    else reported.add(key);
    const note = location === '_source' ? gap(path) : location === 'fields' ? (noted.shortest(path) ?? '') : '';
    if (location === '_source' && note !== '') noted.set(path, note);
    addFinding(rep, { kind: 'fls-leak', path, location, detail: `field ${path} is visible but FLS (${m.fls.patterns.join(', ')}) hides it${note}` });
  }
  for (const f of before) rep.findings.push(f);
}

/** Options of `assertAccess`. */
export interface AssertAccessOptions {
  /** Accept unverifiable items (default false: they fail the assertion too). */
  allowUnverifiable?: boolean;
}

/** Verifies and throws AccessViolationError (carrying the report) unless every hit passes. */
export function assertAccess(response: unknown, expectations: AccessExpectations, options: AssertAccessOptions = {}): VerificationReport {
  try {
    return assertAccessOf(response, expectations, options);
  } catch (error) {
    throw inputFailure('assertAccess', error);
  }
}

function assertAccessOf(response: unknown, expectations: AccessExpectations, options: AssertAccessOptions = {}): VerificationReport {
  const report = verifyHits(response, expectations);
  if (!report.ok || (report.status === 'unverifiable' && !options.allowUnverifiable)) {
    const c = report.counts;
    const head = report.ok
      ? `${c.unverifiable} item(s) could not be verified`
      : `${report.findings.length} access violation(s): ${c.dlsViolations} DLS, ${c.flsLeaks} FLS leak(s), ${c.unmasked} unmasked, ${c.wrongMasks} wrong mask(s), ${c.inconsistentMasks} inconsistent mask(s)`;
    const sample = (report.ok ? report.unverifiable.map((u) => `${u.index}/${u.id}${u.path ? ` ${u.path}` : ''}: ${u.reason}`)
      : report.findings.map((f) => `${f.kind} ${f.index}/${f.id}${f.path ? ` ${f.path}` : ''}`)).slice(0, 5);
    throw new AccessViolationError(`${head} in ${c.hits} hit(s)${sample.length ? `; ${sample.join('; ')}` : ''}`, report);
  }
  return report;
}
