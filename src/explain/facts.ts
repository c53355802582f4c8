/** The shapes of the cluster facts a write's verdict may rest on (a leaf: the planners and the readers both use them). */

/** A fact that is known (true / false) or not, with why. */
export type Fact = { known: true; value: boolean } | { known: false; why: string };

/** What the pipelines do with a document: nothing (none or only empty ones), fail it (a missing one), or unknown (why). */
export type PipelineFact = { kind: 'none' } | { kind: 'fails'; pipeline: string } | { kind: 'unknown'; why: string };
