/**
 * The entries of the `ssl` PEM options in every form Node's tls.createSecureContext takes (Node 20): `ca` and `cert`
 * as PEM text or bytes (a Buffer, another typed array or a DataView) or a list of them; `key` as those or a list
 * mixing them with `{ pem, passphrase? }` objects; `pfx` as PKCS#12 bytes or a list mixing them with
 * `{ buf, passphrase? }` objects. An object entry's fields are read as own.ts reads user objects (never from a polluted
 * Object.prototype); a getter or Proxy that throws is a ConfigError naming the entry's field. The connection is given
 * the entries as copies with own fields (`nodeEntries`): Node reads `entry.pem` of a string or Buffer entry too, which
 * a polluted Object.prototype.pem would otherwise answer.
 */
import { defineField, field } from '../errors/own.js';
import { guarded } from './options-snapshot.js';
import { fail, isOptionsObject, typeName } from './options-check.js';

/** PEM text or its bytes: a string, a Buffer, another typed array or a DataView (as Node's TLS options take it). */
export type PemData = string | NodeJS.ArrayBufferView;

/** An `ssl.key` list entry as Node takes it: a private key with its own passphrase (else `ssl.passphrase` is used). */
export interface KeyEntry {
  /** The private key (PEM). */
  pem: PemData;
  /** Its passphrase when encrypted; a secret, never echoed. */
  passphrase?: string | undefined;
}

/** An `ssl.pfx` list entry as Node takes it: a PKCS#12 bundle with its own passphrase (else `ssl.passphrase` is used). */
export interface PfxEntry {
  /** The PKCS#12 bytes. */
  buf: PemData;
  /** Its passphrase; a secret, never echoed. */
  passphrase?: string | undefined;
}

/** Largest PEM input accepted (ssl.* values, and the files fromEnv reads for them). */
export const MAX_PEM_BYTES = 1024 * 1024;
/** Most entries one `ssl` list may hold (a CA bundle holds a few hundred). */
const MAX_PEM_ENTRIES = 10_000;

/** What the data of an object entry is called: `pem` in `ssl.key`, `buf` in `ssl.pfx`. */
type DataField = 'pem' | 'buf';

/** One entry as checked: its name in messages, its data and its own passphrase (undefined: `ssl.passphrase` applies). */
export interface PemEntry {
  name: string;
  data: PemData;
  passphrase: string | undefined;
  /** The name of the passphrase that applies to it (`ssl.key[1].passphrase` or `ssl.passphrase`). */
  passphraseName: string;
}

/** True for PEM text or bytes. */
export function isPemData(value: unknown): value is PemData {
  return typeof value === 'string' || ArrayBuffer.isView(value);
}

/** The text of PEM data (bytes read as `encoding`, latin1 by default: every byte kept). */
export function pemText(data: PemData, encoding: BufferEncoding = 'latin1'): string {
  return typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString(encoding);
}

function sizeOf(data: PemData): number {
  return typeof data === 'string' ? data.length : data.byteLength;
}

/** Checks the data of one entry (type, empty, size); `what` describes the accepted forms. */
function checkData(name: string, data: unknown, what: string, capped: boolean): PemData {
  if (!isPemData(data)) fail(name, `must be ${what}, got ${typeName(data)}`);
  if (sizeOf(data) === 0) fail(name, 'is empty');
  if (capped && sizeOf(data) > MAX_PEM_BYTES) fail(name, 'is larger than 1 MiB');
  return data;
}

/** An object entry `{ pem | buf, passphrase? }` read with own.ts's `field`; unknown fields are refused (a typo). */
function objectEntry(name: string, item: Record<string, unknown>, dataField: DataField, capped: boolean): { data: PemData; passphrase: string | undefined } {
  for (const key of guarded(name, () => Object.keys(item))) {
    if (key !== dataField && key !== 'passphrase') fail(`${name}.${/^[A-Za-z0-9_$]{1,60}$/.test(key) ? key : '(a field)'}`, `is not a field of an entry; accepted: ${dataField}, passphrase`);
  }
  const data = guarded(`${name}.${dataField}`, () => field(item, dataField));
  if (data === undefined) fail(name, `an object entry needs its ${dataField === 'pem' ? 'private key as `pem`' : 'PKCS#12 bytes as `buf`'} (PEM text or a Buffer)`);
  const passphrase = guarded(`${name}.passphrase`, () => field(item, 'passphrase'));
  if (passphrase !== undefined && typeof passphrase !== 'string') fail(`${name}.passphrase`, `must be a string, got ${typeName(passphrase)}`);
  return { data: checkData(`${name}.${dataField}`, data, 'PEM text or a Buffer', capped), passphrase };
}

/**
 * Checks `ssl.<option>` as Node takes it and returns its entries; `dataField` names the object entries a list may
 * hold (`pem` for key, `buf` for pfx; none for ca and cert). Throws ConfigError naming the entry, never echoing it.
 */
export function checkedEntries(option: string, value: unknown, dataField?: DataField): PemEntry[] {
  const listed = Array.isArray(value);
  const list: readonly unknown[] = listed ? (value as unknown[]) : [value];
  if (list.length === 0) fail(option, 'must not be an empty list');
  if (list.length > MAX_PEM_ENTRIES) fail(option, `holds more than ${MAX_PEM_ENTRIES} entries`);
  const capped = dataField !== 'buf';
  const what = option === 'ssl.pfx' ? 'a Buffer (PKCS#12)' : 'PEM text or a Buffer';
  const objectForm = dataField === undefined ? '' : ` or { ${dataField}, passphrase? }`;
  return list.map((item, i) => {
    const name = listed ? `${option}[${i}]` : option;
    if (listed && dataField !== undefined && !isPemData(item) && isOptionsObject(item)) {
      const entry = objectEntry(name, item, dataField, capped);
      // Node takes a pfx entry's passphrase with `||`: an empty one is none, and ssl.passphrase applies
      if (dataField === 'buf' && entry.passphrase === '') entry.passphrase = undefined;
      return { name, ...entry, passphraseName: entry.passphrase === undefined ? 'ssl.passphrase' : `${name}.passphrase` };
    }
    const inList = !listed && dataField !== undefined && isOptionsObject(item) ? ` (a { ${dataField}, passphrase } entry goes in a list: [{ ... }])` : '';
    return { name, data: checkData(name, item, `${what}${listed ? objectForm : ''}${inList}`, capped), passphrase: undefined, passphraseName: 'ssl.passphrase' };
  });
}

/**
 * Checked entries as Node is handed them in a list: `{ pem | buf, passphrase }` with both fields own (an absent
 * passphrase an own undefined: Node then uses ssl.passphrase, never what a polluted Object.prototype holds). Not
 * null-prototype: https.Agent names its connections by `String(options.key)`, which such an entry would throw on.
 */
export function nodeList(entries: readonly PemEntry[], dataField: DataField): Array<Record<string, unknown>> {
  return entries.map((entry) => {
    const out: Record<string, unknown> = {};
    defineField(out, dataField, entry.data);
    defineField(out, 'passphrase', entry.passphrase);
    return out;
  });
}

/**
 * `ssl.key` or `ssl.pfx` as handed to Node: a list becomes `{ pem | buf, passphrase }` copies with own fields (Node
 * reads `.pem` / `.buf` of every list entry, which a polluted Object.prototype would otherwise answer); a single value as given.
 */
export function nodeEntries(value: unknown, dataField: DataField): unknown {
  if (!Array.isArray(value)) return value;
  return nodeList(checkedEntries(dataField === 'pem' ? 'ssl.key' : 'ssl.pfx', value, dataField), dataField);
}

/**
 * The texts (and own passphrases) of a PEM option's entries, for scans and redaction: never throws (an entry that
 * cannot be read is skipped), so it serves before the options are checked. Bytes are read as `encoding`.
 */
export function entryTexts(value: unknown, encoding: BufferEncoding = 'latin1'): Array<{ text: string; passphrase: unknown }> {
  const out: Array<{ text: string; passphrase: unknown }> = [];
  try {
    const list: readonly unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
    for (let i = 0; i < list.length && i < MAX_PEM_ENTRIES; i++) {
      const item = list[i];
      try {
        if (isPemData(item)) out.push({ text: pemText(item, encoding), passphrase: undefined });
        else if (item !== null && typeof item === 'object') {
          const data = field(item, 'pem') ?? field(item, 'buf');
          if (isPemData(data)) out.push({ text: pemText(data, encoding), passphrase: field(item, 'passphrase') });
          else out.push({ text: '', passphrase: field(item, 'passphrase') });
        }
      } catch {
        // an entry a getter or Proxy cannot give: nothing of it to scan
      }
    }
  } catch {
    // a list that cannot be read
  }
  return out;
}
