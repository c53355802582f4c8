/** The local DLS evaluator: public names only (the helpers between its files stay internal). */
export { evaluateDls, evaluateDlsQueries, evaluatePreparedDls, prepareDls, type PreparedDls } from './evaluate.js';
export { valuesAt } from './fields.js';
export { fieldTypesFromMapping } from './mapping.js';
export { parseDateMillis, standardTokens } from './analysis.js';
export { anyOf, minimumShouldMatch } from './results.js';
export type { DlsEvalOptions, DlsResult, FieldTypeInfo, FieldTypes } from './types.js';
export { substituteUserVariables, type DlsUser, type Substitution } from '../../fgac/dls-variables.js';
