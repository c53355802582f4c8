/**
 * The JDK's length analysis of a lookbehind body (`Pattern.TreeInfo` filled by each node's `study`), with
 * Java's `int` wrap-around: it decides whether `Pattern.compile` refuses the lookbehind ("no obvious
 * maximum length") and which start positions its matcher tries (`Behind.match`: from `i - maxLength`
 * to `i - minLength`), which JavaScript's unbounded lookbehind reproduces only in some cases.
 */
import type { Node } from './ast.js';
import { opt } from '../../errors/own.js';

/** `Pattern.MAX_REPS`: the count of `*`, `+` and `{n,}`. */
const MAX_REPS = 0x7fffffff;
/** Longer than any string JavaScript holds: a window this long is no window. */
const NO_LIMIT = 2 ** 30;

interface Info { min: number; max: number; maxValid: boolean; det: boolean }

/** Set while studying as JDK 25 does under CANON_EQ: classes become `NFCCharProperty` (no maximum, not deterministic). */
let nfc = false;

const wrap = (n: number): number => n | 0;

/** `Curly` / `GroupCurly`: the body's lengths times the counts, refusing a maximum that overflows. */
function curly(info: Info, atom: Info, cmin: number, cmax: number): void {
  const min = wrap(Math.imul(atom.min, cmin) + info.min);
  info.min = min < info.min ? 0xfffffff : min;
  if (info.maxValid && atom.maxValid) {
    const max = wrap(Math.imul(atom.max, cmax) + info.max);
    if (max < info.max) info.maxValid = false;
    info.max = max;
  } else {
    info.maxValid = false;
  }
  info.det = atom.det && cmin === cmax ? info.det : false;
}

/**
 * Studies a chain of nodes into `info` as the JDK's linked nodes would: plain groups and sequences run on
 * into what follows them, an alternation (`Branch`) studies each branch alone and what follows it from zero.
 */
function study(chain: readonly Node[], info: Info): void {
  const todo = [...chain];
  for (let node = todo.shift(); node !== undefined; node = todo.shift()) {
    switch (node.t) {
      case 'seq': todo.unshift(...node.items); break;
      case 'char':
        info.min = wrap(info.min + 1);
        // `XGrapheme` (\X) adds no maximum and is not deterministic; `LineEnding` (\R) is one or two chars.
        if (opt(node, 'jdkNode') === 'XGrapheme' || (nfc && opt(node, 'jdkNode') === undefined)) info.det = false;
        else info.max = wrap(info.max + (opt(node, 'jdkNode') === 'LineEnding' ? 2 : 1));
        break;
      case 'assert': break;
      case 'backref': info.maxValid = false; break;
      case 'alt': branch(node.branches, todo, info); return;
      case 'group':
        if (node.kind === 'la' || node.kind === 'nla' || node.kind === 'lb' || node.kind === 'nlb') break;
        if (node.kind === 'atomic' && node.body.t === 'quant') quant(node.body, info, true); // possessive: `Curly` or `Ques`
        else if (node.kind === 'atomic') study([node.body], info); // `Ques` INDEPENDENT: the body alone, then on
        else todo.unshift(node.body);
        break;
      case 'quant':
        if (node.min === 0 && node.max === 1 && node.body.t === 'group' && (node.body.kind === 'cap' || node.body.kind === 'nc')) {
          // `X?` on a group is a `Branch` with an empty alternative.
          branch([node.body, { t: 'seq', items: [] }], todo, info);
          return;
        }
        quant(node, info, false);
        break;
    }
  }
}

/** `Branch.study`: the shortest and the longest branch (an overflowed, negative maximum loses), then the rest from zero. */
function branch(branches: readonly Node[], rest: readonly Node[], info: Info): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = -1;
  let valid = info.maxValid;
  for (const b of branches) {
    const sub = fresh();
    study([b], sub);
    min = Math.min(min, sub.min);
    max = Math.max(max, sub.max);
    valid &&= sub.maxValid;
  }
  const minL = wrap(info.min + min);
  const maxL = wrap(info.max + max);
  const after = fresh();
  study(rest, after);
  info.min = wrap(after.min + minL);
  info.max = wrap(after.max + maxL);
  info.maxValid = after.maxValid && valid;
  info.det = false;
}

function fresh(): Info { return { min: 0, max: 0, maxValid: true, det: true }; }

function quant(q: Extract<Node, { t: 'quant' }>, info: Info, possessive: boolean): void {
  const atom = fresh();
  study([q.body], atom);
  const cmax = q.max === Infinity ? MAX_REPS : q.max;
  if (q.min === 0 && q.max === 1) {
    // `Ques`: the operand's maximum is added, the minimum is unchanged.
    info.max = wrap(info.max + atom.max);
    info.maxValid &&= atom.maxValid;
    info.det = false;
    return;
  }
  if (q.body.t === 'char' && opt(q.body, 'jdkNode') === undefined && q.max === Infinity && !q.lazy && !possessive) {
    // `CharPropertyGreedy`: MAX_REPS added without an overflow check.
    info.min = wrap(info.min + q.min);
    if (info.maxValid) info.max = wrap(info.max + MAX_REPS);
    info.det = false;
    return;
  }
  if (q.body.t === 'group' && !possessive && (q.body.kind === 'cap' || q.body.kind === 'nc') && !atom.det) {
    // A group whose body is not deterministic repeats as a `Loop`: no obvious maximum.
    info.maxValid = false;
    info.det = false;
    return;
  }
  curly(info, atom, q.min, cmax);
}

/** The exact shortest and longest match of a lookbehind body (Infinity when unbounded). */
function exact(node: Node): { min: number; max: number } {
  switch (node.t) {
    case 'seq': return node.items.map(exact).reduce((a, b) => ({ min: a.min + b.min, max: a.max + b.max }), { min: 0, max: 0 });
    case 'char': return { min: 1, max: 1 };
    case 'assert': case 'backref': return { min: 0, max: 0 };
    case 'alt': {
      const bs = node.branches.map(exact);
      return { min: Math.min(...bs.map((b) => b.min)), max: Math.max(...bs.map((b) => b.max)) };
    }
    case 'group': return node.kind === 'la' || node.kind === 'nla' || node.kind === 'lb' || node.kind === 'nlb' ? { min: 0, max: 0 } : exact(node.body);
    case 'quant': {
      const b = exact(node.body);
      return { min: b.min * node.min, max: b.max === 0 ? 0 : b.max * node.max };
    }
  }
}

/** How the JDK runs a lookbehind with this body. */
export type LookbehindVerdict =
  | { kind: 'refused' }
  /** Refused or not depending on how the JDK builds CANON_EQ classes. */
  | { kind: 'unknown' }
  /** JavaScript's lookbehind tries the same start positions. */
  | { kind: 'same' }
  /** The JDK's window is empty (its maximum wrapped below zero): a lookbehind that never matches. */
  | { kind: 'never' }
  /** The JDK's window is narrower than the body's matches (or cannot be told): not reproduced here. */
  | { kind: 'unsupported'; detail: string };

/** The JDK's verdict on a lookbehind body and whether JavaScript's lookbehind tries the same positions. */
export function studyLookbehind(body: Node, canonEq = false): LookbehindVerdict {
  const info = fresh();
  study([body], info);
  if (!info.maxValid && canonEq) {
    nfc = true;
    const other = fresh();
    try { study([body], other); } finally { nfc = false; }
    if (other.maxValid) return { kind: 'unknown' };
  }
  if (!info.maxValid) return { kind: 'refused' };
  const real = exact(body);
  if (info.min !== real.min) return { kind: 'unsupported', detail: `the JDK computes its minimum length as ${info.min}` };
  const v = info.max;
  if (v === real.max || v >= NO_LIMIT) return { kind: 'same' };
  // `Behind.match` tries starts from `i - minLength` down to `i - maxLength`, in int arithmetic. With a
  // negative maximum, `i - maxLength` overflows (no lower limit) once `i >= 2^31 + maxLength`, and is
  // above `i` (no start at all) before: the same as JavaScript when no body match can end that early.
  if (v < 0 && 2 ** 31 + v <= real.min) return { kind: 'same' };
  if ((v < 0 || (v === 0 && info.min > 0)) && v > -NO_LIMIT) return { kind: 'never' };
  return { kind: 'unsupported', detail: `the JDK looks back at most ${v} characters (its length arithmetic overflows int)` };
}
