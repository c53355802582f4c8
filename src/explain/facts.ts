/** The shapes of the cluster facts a write's verdict may rest on (a leaf: the planners and the readers both use them). */

/** A fact that is known (true / false) or not, with why. */
export type Fact = { known: true; value: boolean } | { known: false; why: string };

/** What the pipelines do with a document: nothing (none or only empty ones), fail it (a missing one), or unknown (why). */
export type PipelineFact = { kind: 'none' } | { kind: 'fails'; pipeline: string } | { kind: 'unknown'; why: string };

/** Known true / known false. */
export const yes: Fact = { known: true, value: true };
export const no: Fact = { known: true, value: false };

/** Both facts hold: known false when either is, known true when both are, else unknown (with both whys). */
export const and = (a: Fact, b: Fact): Fact => (a.known && !a.value) || (b.known && !b.value) ? no
  : a.known && b.known ? yes : { known: false, why: [a, b].flatMap((f) => (f.known ? [] : [f.why])).join('; ') };
/** Either fact holds: known true when either is, known false when both are, else unknown. */
export const or = (a: Fact, b: Fact): Fact => (a.known && a.value) || (b.known && b.value) ? yes
  : a.known && b.known ? no : { known: false, why: [a, b].flatMap((f) => (f.known ? [] : [f.why])).join('; ') };
/** The fact negated (unknown stays unknown). */
export const not = (a: Fact): Fact => (a.known ? { known: true, value: !a.value } : a);
