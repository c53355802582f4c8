/** What `verifyHits` reports: findings, unverifiable items, per-hit outcomes and their tally. */
import type { DlsResult } from './dls/index.js';

/** A violation of what the roles promise. */
export interface Finding {
  kind: 'dls-violation' | 'fls-leak' | 'unmasked' | 'wrong-mask' | 'inconsistent-mask';
  index: string;
  id: string;
  /** Field path (dotted) when the finding concerns a field. */
  path?: string;
  /** Where in the hit: `_source`, `fields`, `highlight`, `sort`. */
  location?: '_source' | 'fields' | 'highlight' | 'sort';
  /** The masked_fields entry concerned. */
  expression?: string;
  detail: string;
}

/** Something that could not be decided (never counted as a pass). */
export interface UnverifiableItem {
  aspect: 'dls' | 'fls' | 'mask' | 'hit';
  index: string;
  id: string;
  path?: string;
  reason: string;
}

/** Outcome of one hit. */
export interface HitReport {
  index: string;
  id: string;
  status: 'pass' | 'violation' | 'unverifiable';
  /** DLS decision for the hit (`match` when the index has no DLS). */
  dls: DlsResult;
  findings: Finding[];
  unverifiable: UnverifiableItem[];
  /** Masked values recomputed and compared exactly. */
  masksRecomputed: number;
  /** Masked values checked for shape (and consistency) only. */
  masksShapeChecked: number;
}

/** Result of `verifyHits`. */
export interface VerificationReport {
  /** True when no violation was found (unverifiable items may remain; see `status`). */
  ok: boolean;
  /** `pass` only when everything was verified and nothing violated. */
  status: 'pass' | 'violation' | 'unverifiable';
  hits: HitReport[];
  /** All findings, including cross-hit mask inconsistencies. */
  findings: Finding[];
  unverifiable: UnverifiableItem[];
  counts: {
    hits: number;
    passedHits: number;
    violatingHits: number;
    unverifiableHits: number;
    dlsViolations: number;
    flsLeaks: number;
    unmasked: number;
    wrongMasks: number;
    inconsistentMasks: number;
    unverifiable: number;
    masksRecomputed: number;
    masksShapeChecked: number;
  };
}

/**
 * A hit report's fields in their order, filled by `new`: the reports are made by a constructor rather than an object
 * literal because V8 moves the objects of a literal that keep surviving (every report does) to the old generation,
 * and made there right after a GC, ten thousand of them cost up to 7 ms more per verifyHits call in some processes
 * (a constructor's objects stay young). Its prototype is Object's: a report is a plain object, as before.
 */
function HitReportFields(this: HitReport, dls: DlsResult): void {
  this.index = '';
  this.id = '';
  this.status = 'pass';
  this.dls = dls;
  this.findings = [];
  this.unverifiable = [];
  this.masksRecomputed = 0;
  this.masksShapeChecked = 0;
}
HitReportFields.prototype = Object.prototype;
const NewHitReport = HitReportFields as unknown as { new (dls: DlsResult): HitReport; kept?: HitReport };
// one report kept for the life of the module (on its constructor): the hidden class of reports, and the verifier's
// optimised code made for it, outlive each call (V8 drops a hidden class no live object has)
NewHitReport.kept = new NewHitReport({ result: 'match' });

/** A new hit report (index and id empty, status pass, no finding) with DLS result `dls`. */
export function newHitReport(dls: DlsResult): HitReport {
  return new NewHitReport(dls);
}

/**
 * newHitReport while the shared prototypes are polluted (sharedPrototypes): an assignment in the constructor could
 * call a setter planted on Object.prototype for a field name (which may keep, change or throw on the value) instead of
 * making the field; an object literal defines its fields.
 */
export function literalHitReport(dls: DlsResult): HitReport {
  return { index: '', id: '', status: 'pass', dls, findings: [], unverifiable: [], masksRecomputed: 0, masksShapeChecked: 0 };
}

/** Adds a finding to a hit's report. */
export const addFinding = (rep: HitReport, f: Omit<Finding, 'index' | 'id'>): void => {
  rep.findings.push({ index: rep.index, id: rep.id, ...f });
};

/** Adds an unverifiable item to a hit's report. */
export const addUnverifiable = (rep: HitReport, u: Omit<UnverifiableItem, 'index' | 'id'>): void => {
  rep.unverifiable.push({ index: rep.index, id: rep.id, ...u });
};

/** Settles each hit's status and tallies the hits into the report `verifyHits` returns. */
export function summarize(hitReports: HitReport[]): VerificationReport {
  const counts = {
    hits: hitReports.length, passedHits: 0, violatingHits: 0, unverifiableHits: 0, dlsViolations: 0, flsLeaks: 0, unmasked: 0,
    wrongMasks: 0, inconsistentMasks: 0, unverifiable: 0, masksRecomputed: 0, masksShapeChecked: 0,
  };
  const findings: Finding[] = [];
  const unverifiableItems: UnverifiableItem[] = [];
  for (const h of hitReports) {
    h.status = h.findings.length > 0 ? 'violation' : h.unverifiable.length > 0 ? 'unverifiable' : 'pass';
    if (h.status === 'pass') counts.passedHits++;
    else if (h.status === 'violation') counts.violatingHits++;
    else counts.unverifiableHits++;
    counts.masksRecomputed += h.masksRecomputed;
    counts.masksShapeChecked += h.masksShapeChecked;
    for (const f of h.findings) {
      findings.push(f);
      if (f.kind === 'dls-violation') counts.dlsViolations++;
      else if (f.kind === 'fls-leak') counts.flsLeaks++;
      else if (f.kind === 'unmasked') counts.unmasked++;
      else if (f.kind === 'wrong-mask') counts.wrongMasks++;
      else counts.inconsistentMasks++;
    }
    for (const u of h.unverifiable) unverifiableItems.push(u);
  }
  counts.unverifiable = unverifiableItems.length;
  const ok = findings.length === 0;
  return {
    ok,
    status: !ok ? 'violation' : unverifiableItems.length > 0 ? 'unverifiable' : 'pass',
    hits: hitReports,
    findings,
    unverifiable: unverifiableItems,
    counts,
  };
}
