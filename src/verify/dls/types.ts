/** Types of the local DLS evaluator: results, field types, evaluation options. */
import type { DlsUser } from '../../fgac/dls-variables.js';

/** Outcome of evaluating a DLS query against a document. */
export interface DlsResult {
  /** `unverifiable` when the evaluator cannot decide with certainty (never a pass). */
  result: 'match' | 'no-match' | 'unverifiable';
  /** Why the result is unverifiable (or which clause decided a no-match). */
  reason?: string;
}

/** Mapping information for one field path. */
export interface FieldTypeInfo {
  /** OpenSearch field type (`keyword`, `text`, `boolean`, `long`, `float`, `date`, ...). */
  type: string;
  /** keyword `ignore_above` */
  ignoreAbove?: number;
  /** date `format` */
  format?: string;
  /** text `analyzer` / `search_analyzer` */
  analyzer?: string;
  searchAnalyzer?: string;
  /** keyword `normalizer` */
  normalizer?: string;
  /** set when the mapping defines `null_value` */
  hasNullValue?: boolean;
  /** For multi-fields (`title.keyword`): the source field whose values it indexes. */
  sourceField?: string;
  /** For `type: alias`: the path of the field it names. */
  aliasPath?: string;
  /** Set when another field's `copy_to` writes into this one (its values are not in `_source`). */
  copyToTarget?: boolean;
  /** Set for `enabled: false` objects, `index: false` + `doc_values: false` fields, `text` with `index: false` (not stored) and `binary` neither stored nor in doc values: nothing is searchable. */
  notIndexed?: boolean;
  /** `index: false`, `doc_values: false`, `store: true` (or `binary` stored or in doc values): only `exists` finds it (other queries fail the search). */
  storedOnly?: boolean;
  /** numeric `ignore_malformed` (field or index setting): a value the node cannot parse is not indexed. */
  ignoreMalformed?: boolean;
  /** numeric `coerce` (field or index setting; default true): with false, strings are rejected. */
  coerce?: boolean;
  /** An object's (or, at path `''`, the root's) `dynamic` setting: with `false`/`strict` unmapped fields below are not indexed. */
  dynamic?: string;
  /** For `type: nested`: `include_in_parent` or `include_in_root` also indexes its fields in the root document. */
  nestedInRoot?: boolean;
}

/** Field path -> mapping info (see `fieldTypesFromMapping`). */
export type FieldTypes = Readonly<Record<string, FieldTypeInfo | string>>;

/** Options for evaluating DLS against one document. */
export interface DlsEvalOptions {
  /** Field types (from the index mapping). Without them only booleans and numbers are typed. */
  fieldTypes?: FieldTypes;
  /** The document `_id` (for `ids` queries and `_id` term queries). */
  id?: string;
  /** The document's index (for queries on `_index`). */
  index?: string;
  /** The user for variable substitution. */
  user?: DlsUser;
  /** Fields whose values in `doc` are not the indexed ones (hidden by FLS, masked, not returned). */
  unknownField?: (path: string) => boolean;
  /** OpenSearch / plugin version (e.g. `2.19.4`): variable substitution differs between 1.x/2.x and 3.x. */
  pluginVersion?: string;
}

/** What one evaluation looks at: the document and the options. */
export interface EvalContext {
  doc: unknown;
  opts: DlsEvalOptions;
  /**
   * The indexed form of the fields already read in this evaluation (bool clauses share it): the first one in
   * `firstField`/`first` (most DLS queries read one field: no Map per document), the others in `seen`.
   */
  firstField: string | undefined;
  first: unknown;
  seen: Map<string, unknown> | undefined;
  /** Set when a clause read may make the node refuse the whole query (a body not checked here, or a field of unknown type): a match is then not certain. */
  doubt: string | undefined;
  /**
   * Set (beside `doubt`) when the clause may be one the node cannot PARSE (fromXContent: an unknown parameter, a
   * fuzziness it cannot read): 3.x then drops the role instead of failing the search. Doubts without it are of what
   * the node parses but may not BUILD (toQuery: an analyzer the index lacks, a value the field's type refuses, date
   * math from now), which fails the whole search on every version (measured, 2.19.4: 500 for the first, 400 for these).
   */
  parseDoubt: string | undefined;
}
