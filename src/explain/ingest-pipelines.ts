/**
 * Which ingest pipelines a written document goes through, and what that means for the checks after them, as
 * OpenSearch's IngestService resolves and runs them (read in IngestService.resolvePipelines / executePipelines and
 * BulkRequestParser; measured on 2.19.4: test/integration/permission-ingest-alias.test.ts):
 * - the pipelines run in TransportBulkAction after the top-level checks (the document action and
 *   `indices:data/write/bulk`, an `_update`'s own checks) and before index creation and the shard-level `bulk[s]`;
 *   no privilege is checked for running them;
 * - the request's pipeline (a bulk line's, else the bulk's or the write's `?pipeline`; an update item's `upsert` takes
 *   it too, a `doc_as_upsert` document and a single `_update`'s document do not) replaces the index's
 *   `index.default_pipeline`; `_none` names none; the index's `index.final_pipeline` runs after either;
 * - the index's settings are those of the index named, or of the write index of the alias or data stream named; a
 *   name that is none of these (a missing index, an alias without a write index, and a date-math expression, which
 *   is looked up as written) takes them from the v2 template matching it (the highest priority; its component
 *   templates' settings, then its own), else from the v1 templates (the highest order first);
 * - a pipeline that does not exist fails the write (400, an item error in a bulk): no index is created and no
 *   shard-level check is made; a pipeline without processors passes the document on unchanged.
 * A pipeline with processors may send the document to another index, drop it, fail it, change it, or (plugins'
 * processors) make requests of its own: this SDK does not run processors, so the checks after it are undecided.
 */
import { simpleMatch } from './auto-create.js';
import { adminGet } from './admin-read.js';
import type { PipelineFact } from './facts.js';
import type { CheckPermissionClient } from './dry-run.js';
import type { RequiredPrivilege, WriteItem } from './request-plan.js';
import { opt } from '../errors/own.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const own = (o: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

export type { PipelineFact };

/** Where the index settings of a write come from: an index's own, the templates matching a name, or unknown (why). */
export type SettingsSource = { kind: 'index'; index: string } | { kind: 'template'; name: string } | { kind: 'unknown'; why: string };

/** A document's pipelines to resolve: the request's pipeline (undefined: none given) and where its index settings come from. */
export interface DocumentPipelines { requested: string | undefined; settings: SettingsSource }

/** The pipelines do nothing with the document. */
export const NO_PIPELINE: PipelineFact = { kind: 'none' };
const NOOP = '_none';

/** The default and final pipeline of an index's settings (undefined: not set), or unknown. */
type IndexPipelines = { known: true; default?: string; final?: string } | { known: false; why: string };

/** A pipeline setting (`default_pipeline`, `final_pipeline`) in settings given flat (`index.x`), nested or without the prefix; null: not a string. */
function settingOf(settings: unknown, key: string): string | undefined | null {
  if (!isRecord(settings)) return undefined;
  const index = isRecord(settings.index) ? settings.index : undefined;
  const values = [
    own(settings, `index.${key}`) ? settings[`index.${key}`] : undefined,
    index !== undefined && own(index, key) ? index[key] : undefined,
    own(settings, key) ? settings[key] : undefined,
  ].filter((v) => v !== undefined);
  if (values.length === 0) return undefined;
  return values.every((v) => typeof v === 'string' && v === values[0]) ? values[0] as string : null;
}

/** The pipelines of one settings object, or unknown when a value is not a string. */
function pipelinesOf(settings: unknown, where: string): IndexPipelines {
  const d = settingOf(settings, 'default_pipeline');
  const f = settingOf(settings, 'final_pipeline');
  if (d === null || f === null) return { known: false, why: `the pipeline settings of ${where} are not readable` };
  return { known: true, ...(d !== undefined ? { default: d } : {}), ...(f !== undefined ? { final: f } : {}) };
}

/** The settings a v2 template gives: its component templates' in order, then its own. */
function v2Settings(template: Record<string, unknown>, components: Record<string, unknown> | undefined): unknown[] | undefined {
  const composed = Array.isArray(template.composed_of) ? template.composed_of : [];
  const out: unknown[] = [];
  for (const name of composed) {
    if (typeof name !== 'string' || components === undefined) return undefined;
    const c = own(components, name) ? components[name] : undefined;
    if (isRecord(c) && isRecord(c.template) && c.template.settings !== undefined) out.push(c.template.settings);
  }
  if (isRecord(template.template) && template.template.settings !== undefined) out.push(template.template.settings);
  return out;
}

/** Later settings over earlier ones, per key. */
function merged(list: readonly unknown[], where: string): IndexPipelines {
  const out: { default?: string; final?: string } = {};
  for (const s of list) {
    const p = pipelinesOf(s, where);
    if (!p.known) return p;
    if (p.default !== undefined) out.default = p.default;
    if (p.final !== undefined) out.final = p.final;
  }
  return { known: true, ...out };
}

/** The templates' reads: v2 (with component templates), v1; each undefined when it could not be read. */
interface Templates { v2: Array<{ name: string; body: Record<string, unknown> }> | undefined; components: Record<string, unknown> | undefined; v1: Record<string, unknown> | undefined }

async function readTemplates(admin: CheckPermissionClient): Promise<Templates> {
  const [v2, v1] = await Promise.all([adminGet(admin, '/_index_template'), adminGet(admin, '/_template')]);
  const list = v2?.status === 404 ? [] : v2?.status === 200 && isRecord(v2.body) && Array.isArray(v2.body.index_templates) ? v2.body.index_templates as unknown[] : undefined;
  const templates = list?.flatMap((t) => (isRecord(t) && typeof t.name === 'string' && isRecord(t.index_template) ? [{ name: t.name, body: t.index_template }] : []));
  let components: Record<string, unknown> | undefined = {};
  if (templates?.some((t) => Array.isArray(t.body.composed_of) && t.body.composed_of.length > 0) === true) {
    const c = await adminGet(admin, '/_component_template');
    const cl = c?.status === 404 ? [] : c?.status === 200 && isRecord(c.body) && Array.isArray(c.body.component_templates) ? c.body.component_templates as unknown[] : undefined;
    components = cl === undefined ? undefined : Object.fromEntries(cl.flatMap((x) => (isRecord(x) && typeof x.name === 'string' ? [[x.name, x.component_template]] : [])));
  }
  return { v2: templates, components, v1: v1?.status === 200 && isRecord(v1.body) ? v1.body : v1?.status === 404 ? {} : undefined };
}

const patternsOf = (t: Record<string, unknown>): string[] => (Array.isArray(t.index_patterns) ? t.index_patterns.filter((p): p is string => typeof p === 'string') : typeof t.index_patterns === 'string' ? [t.index_patterns] : []);

/** The pipelines the templates give a new index of `name` (findV2Template, else the v1 templates by order). */
function templatePipelines(templates: Templates, name: string): IndexPipelines {
  const where = `the templates matching ${name}`;
  if (templates.v2 === undefined) return { known: false, why: `${where}: the index templates could not be read` };
  const matching = templates.v2.filter((t) => patternsOf(t.body).some((p) => simpleMatch(p, name)));
  if (matching.length > 0) {
    const priority = (t: { body: Record<string, unknown> }): number => (typeof t.body.priority === 'number' ? t.body.priority : 0);
    const top = Math.max(...matching.map(priority));
    const best = matching.filter((t) => priority(t) === top);
    // a template with a context takes settings this SDK does not read
    const chosen = best.length === 1 ? best[0] : undefined;
    if (chosen === undefined || chosen.body.context !== undefined) return { known: false, why: `${where}: which template applies, or what it sets, is not known` };
    const list = v2Settings(chosen.body, templates.components);
    return list === undefined ? { known: false, why: `${where}: the component templates could not be read` } : merged(list, where);
  }
  if (templates.v1 === undefined) return { known: false, why: `${where}: the legacy templates could not be read` };
  const v1 = Object.entries(templates.v1).flatMap(([, t]) => (isRecord(t) && patternsOf(t).some((p) => simpleMatch(p, name)) ? [t] : []));
  const order = (t: Record<string, unknown>): number => (typeof t.order === 'number' ? t.order : 0);
  const out: { default?: string; final?: string } = {};
  for (const key of ['default', 'final'] as const) {
    const set = v1.map((t) => ({ order: order(t), p: pipelinesOf(t.settings, where) }));
    const unreadable = set.find((s) => !s.p.known);
    if (unreadable !== undefined && !unreadable.p.known) return unreadable.p;
    const given = set.filter((s) => s.p.known && s.p[key] !== undefined);
    if (given.length === 0) continue;
    const top = Math.max(...given.map((s) => s.order));
    const values = new Set(given.filter((s) => s.order === top).map((s) => (s.p.known ? s.p[key] : undefined)));
    // templates of the same order are applied in an order OpenSearch does not fix
    if (values.size !== 1) return { known: false, why: `${where}: legacy templates of the same order set different ${key} pipelines` };
    out[key] = [...values][0] as string;
  }
  return { known: true, ...out };
}

/**
 * Reads what decides the pipelines of `documents` (with `admin`: the pipelines, the indices' pipeline settings, the
 * templates when a name takes its settings from them) and returns each document's PipelineFact. Without `admin`,
 * unknown; `none: true` (the caller says no pipeline applies) makes every document without a requested pipeline none.
 */
export async function readPipelineFacts(
  admin: CheckPermissionClient | undefined, documents: readonly DocumentPipelines[], none: boolean,
): Promise<(d: DocumentPipelines) => PipelineFact> {
  if (documents.length === 0) return () => NO_PIPELINE;
  if (admin === undefined) {
    const why = 'which ingest pipelines the document goes through (index.default_pipeline / final_pipeline and the pipelines are read with admin)';
    return (d) => (none && d.requested === undefined ? NO_PIPELINE : { kind: 'unknown', why: d.requested === undefined ? why : `the ingest pipeline ${JSON.stringify(d.requested)} (not read without admin)` });
  }
  const needsIndex = documents.some((d) => d.settings.kind === 'index');
  const needsTemplates = documents.some((d) => d.settings.kind === 'template');
  const [defs, settings, templates] = await Promise.all([
    adminGet(admin, '/_ingest/pipeline'),
    needsIndex ? adminGet(admin, '/_settings/index.default_pipeline,index.final_pipeline?flat_settings=true&expand_wildcards=all') : undefined,
    needsTemplates ? readTemplates(admin) : undefined,
  ]);
  // 404: no pipeline exists
  const pipelines = defs?.status === 404 ? {} : defs?.status === 200 && isRecord(defs.body) ? defs.body : undefined;
  const indexSettings = settings?.status === 200 && isRecord(settings.body) ? settings.body : undefined;
  const settingsOf = (source: SettingsSource): IndexPipelines => {
    if (source.kind === 'unknown') return { known: false, why: source.why };
    if (source.kind === 'template') return templates === undefined ? { known: false, why: 'the index templates could not be read' } : templatePipelines(templates, source.name);
    if (indexSettings === undefined) return { known: false, why: `the pipeline settings of ${source.index} could not be read` };
    const entry = own(indexSettings, source.index) ? indexSettings[source.index] : undefined;
    return entry === undefined ? { known: true } : pipelinesOf(isRecord(entry) ? entry.settings : undefined, source.index);
  };
  /** One pipeline: missing (fails), without processors (passes), or with processors / unreadable (unknown). */
  const pipelineFact = (id: string): PipelineFact => {
    if (pipelines === undefined) return { kind: 'unknown', why: `the ingest pipeline ${JSON.stringify(id)} (the pipelines could not be read)` };
    if (!own(pipelines, id)) return { kind: 'fails', pipeline: id };
    const def = pipelines[id];
    if (!isRecord(def) || !Array.isArray(def.processors)) return { kind: 'unknown', why: `the ingest pipeline ${JSON.stringify(id)} (its definition is not readable)` };
    if (def.processors.length === 0) return NO_PIPELINE;
    return { kind: 'unknown', why: `what the ingest pipeline ${JSON.stringify(id)} does with the document (its processors, which this SDK does not run, may send it to another index, drop it, fail it or change it)` };
  };
  return (d) => {
    const s = none && d.requested === undefined ? { known: true as const } : settingsOf(d.settings);
    const first = d.requested ?? (s.known ? s.default : undefined);
    if (first === undefined && !s.known) return { kind: 'unknown', why: `which ingest pipelines the document goes through (${s.why})` };
    if (first !== undefined && first !== NOOP) {
      const f = pipelineFact(first);
      if (f.kind !== 'none') return f;
    }
    if (!s.known) return { kind: 'unknown', why: `whether a final ingest pipeline runs after ${JSON.stringify(first)} (${s.why})` };
    return s.final === undefined || s.final === NOOP ? NO_PIPELINE : pipelineFact(s.final);
  };
}

/**
 * The document a write hands the ingest pipelines, with the pipeline the request gives it (undefined: none, the
 * index's default applies); undefined when it hands none (a delete, a bulk update without upsert). A bulk update item's
 * `upsert` takes the request's pipeline, its `doc_as_upsert` document does not; a single `_update` hands its written
 * document (when it writes one) without one (BulkRequestParser, TransportBulkAction.getIndexWriteRequest; measured on
 * 2.19.4).
 */
export function pipelineDocument(w: WriteItem): { requested: string | undefined } | undefined {
  if (w.op === 'delete') return undefined;
  if (w.op === 'index') return { requested: opt(w, 'pipeline') };
  if (w.single) return { requested: undefined };
  const body = w.document !== null && typeof w.document === 'object' && !Array.isArray(w.document) ? w.document as Record<string, unknown> : {};
  if (body.doc_as_upsert === true) return { requested: undefined };
  return body.upsert !== undefined && body.upsert !== null ? { requested: opt(w, 'pipeline') } : undefined;
}

/** A check made after a pipeline whose effect is unknown (`why`): it depends on it and leaves the verdict undecided. */
export function afterPipeline(why: string | undefined): (c: RequiredPrivilege) => RequiredPrivilege {
  return (c) => (why === undefined ? c : { ...c, dependsOn: opt(c, 'dependsOn') === undefined ? why : `${c.dependsOn}; ${why}`, afterPipeline: why });
}
