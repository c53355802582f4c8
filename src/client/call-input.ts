/**
 * What one call reads of its caller's `params` and `options` (`client.search(params, options)`, `transport.request`),
 * read once. The transport checks them (per-call headers against the auth mode, the deadline from requestTimeout, the
 * retries from maxRetries, the retry decision from method, path and querystring) and opensearch-js reads them again
 * as it sends; a getter or Proxy could answer the check one value and the send another (an Authorization header
 * undefined to the check, a maxRetries that makes opensearch-js repeat a write itself). So an object that is not
 * plain data is copied once (as options-snapshot.ts copies createClient's options) and the call uses only the copy.
 * An object literal of data properties (what opensearch-js's API methods and almost every caller pass) is used as it
 * is: checking it costs one name list and a descriptor per property, no copy.
 */
import type { Readable } from 'node:stream';
import { types } from 'node:util';
import type { TransportRequestOptions, TransportRequestParams } from '@opensearch-project/opensearch/lib/Transport.js';
import { field, isObjectPrototype, setOwn } from '../errors/own.js';
import { guarded, readHeaders } from './options-snapshot.js';
import { fail, isOptionsObject, typeName } from './options-check.js';

/**
 * True when `value` is an object literal (prototype Object.prototype or null), not a Proxy, whose own string-keyed
 * properties are all data properties: every read of it answers the same.
 */
function isPlainData(value: object): boolean {
  if (types.isProxy(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== null && !isObjectPrototype(proto)) return false;
  const names = Object.getOwnPropertyNames(value);
  for (let i = 0; i < names.length; i++) {
    // a data property's descriptor holds `value`, an accessor's `get`/`set`
    const descriptor = Object.getOwnPropertyDescriptor(value, names[i] as string);
    if (descriptor === undefined || !Object.hasOwn(descriptor, 'value')) return false;
  }
  return true;
}

/**
 * `value` copied once into a null-prototype object when it is not plain data: its own names and those its own
 * prototypes hold (never a shared prototype's; a class's methods are no field), each read once through the object
 * and copied as an enumerable data property (opensearch-js reads them by name; an attempt's options are a spread of
 * them); own symbol-keyed data is kept. A value a getter cannot give is a ConfigError naming `option.<name>`. Plain
 * data is returned as it is.
 */
function dataOnce<T extends object>(value: T, option: string): T {
  if (isPlainData(value)) return value;
  const copy = readHeaders(value, option) as T;
  if (copy === value) {
    // a Proxy whose prototype cannot be read would answer each read anew: a ConfigError naming it, as readOnce does
    if (types.isProxy(value)) guarded(option, () => Object.getPrototypeOf(value));
    // not an object of fields (a list, a Buffer): as given, as before
    return value;
  }
  for (const symbol of guarded(option, () => Object.getOwnPropertySymbols(value))) {
    const descriptor = guarded(option, () => Object.getOwnPropertyDescriptor(value, symbol));
    if (descriptor !== undefined && Object.hasOwn(descriptor, 'value')) Object.defineProperty(copy, symbol, { value: descriptor.value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** The object at `key` of `holder` (already plain data) read once too; `holder` is copied only when it changes. */
function withFieldOnce<T extends object>(holder: T, key: string, option: string): T {
  const value = field(holder, key);
  if (typeof value !== 'object' || value === null) return holder;
  const read = dataOnce(value, option);
  if (read === value) return holder;
  // a definition of every own property (symbols too): no setter is called, the prototype is kept
  const copy = Object.defineProperties(Object.create(Object.getPrototypeOf(holder) as object | null) as T, Object.getOwnPropertyDescriptors(holder));
  setOwn(copy, key, read);
  return copy;
}

/**
 * `value` as an object of options (a literal, a null-prototype object or a class instance: isOptionsObject), or a
 * ConfigError naming `option`: a list, Map, Set, Date, RegExp, boxed primitive or other primitive holds no options
 * opensearch-js reads (a Map's maxRetries was no maxRetries; a string's or a list's indexes went out as headers
 * "0", "1", ...). A Proxy whose traps throw keeps the "could not be read" refusal of dataOnce.
 */
function requireOptionsObject(value: unknown, option: string, hint: string): void {
  if (isOptionsObject(value)) return;
  if (types.isProxy(value)) guarded(option, () => Object.getPrototypeOf(value));
  fail(option, `must be an object ${hint}, got ${typeName(value)}`);
}

/**
 * The call's `options.<key>` (undefined and null are none, as opensearch-js reads them) checked as an object of
 * options; a string too when `text` (a querystring, which opensearch-js types as `Object | string`).
 */
function checkOptionsField(options: object, key: string, hint: string, text = false): void {
  const value = guarded(`options.${key}`, () => field(options, key));
  if (value === undefined || value === null || (text && typeof value === 'string')) return;
  requireOptionsObject(value, `options.${key}`, hint);
}

/**
 * Why opensearch-js would send a query string other than the one given: its Transport merges a call's
 * `options.querystring` into the params' with Object.assign, which spreads a string character by character
 * (`a=1` goes out as `?0=a&1=%3D&2=1`). opensearch-js types both as `Object | string`; only a params string without
 * options' parameters is sent as given.
 */
const SPREAD_STRING = 'opensearch-js merges it with Object.assign, which sends a string character by character (a=1 goes out as ?0=a&1=%3D&2=1)';

/**
 * A call's options read once: the object (see dataOnce), its `headers` (the ones checked are the ones sent) and
 * `querystring`. Each must be an object of options (README: a call's options are refused as createClient's are):
 * a ConfigError naming the option otherwise; a query string as text is refused here (see SPREAD_STRING).
 */
export function callOptionsOnce(options: TransportRequestOptions): TransportRequestOptions {
  requireOptionsObject(options, 'options', '{ headers?, querystring?, requestTimeout?, maxRetries?, ... }');
  const read = withFieldOnce(withFieldOnce(dataOnce(options, 'options'), 'headers', 'options.headers'), 'querystring', 'options.querystring');
  checkOptionsField(read, 'headers', 'of header names and values');
  // an empty string merges as nothing (Object.assign spreads no character of it): sent as opensearch-js sends it
  const text = field(read, 'querystring');
  if (typeof text === 'string' && text !== '') fail('options.querystring', `must be an object of query parameters, not a string: ${SPREAD_STRING}`);
  checkOptionsField(read, 'querystring', 'of query parameters (a URLSearchParams: give Object.fromEntries(it))', true);
  return read;
}

/** Refuses a params query string given as text beside options' own parameters (see SPREAD_STRING); both read once. */
export function checkQuerystrings(params: object, options: object): void {
  const fromOptions = field(options, 'querystring');
  const fromParams = field(params, 'querystring');
  if (fromOptions === undefined || fromOptions === null || typeof fromParams !== 'string' || fromParams === '') return;
  fail('params.querystring', `is a string while options.querystring is given: ${SPREAD_STRING}; give both as objects of query parameters`);
}

/** The querystring opensearch-js sends for a call: the params' alone, or merged with the options' (Object.assign) as its Transport does. */
export function sentQuerystring(params: object, options: object): unknown {
  const fromOptions = field(options, 'querystring');
  const fromParams = field(params, 'querystring');
  return fromOptions === undefined || fromOptions === null ? fromParams : Object.assign({}, fromParams, fromOptions);
}

/** A call's params read once: the object (see dataOnce) and its `querystring` (the retry decision's is the one sent). */
export function callParamsOnce(params: TransportRequestParams): TransportRequestParams {
  const read = withFieldOnce(dataOnce(params, 'params'), 'querystring', 'params.querystring');
  // a query string as text (opensearch-js sends it as given) or an object of parameters: a Map's went out as none,
  // a list's as `0=a,1`
  const query = field(read, 'querystring');
  if (query !== undefined && query !== null && typeof query !== 'string') requireOptionsObject(query, 'params.querystring', 'of query parameters or a query string (a URLSearchParams: give its toString())');
  return read;
}

/** Whether `value` is a stream (a body to read before signing). */
export function isStream(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof field(value, 'pipe') === 'function';
}

/** A streamed body read into memory. */
export async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
