/**
 * TLS options: `ssl` checked up front (CA, client certificate and key for mTLS, verification
 * switch) and the rules that keep certificate verification on unless `allowInsecureTls` is set,
 * whatever `clientOptions.agent` is: agent options may not carry TLS settings, an agent factory's
 * agent may not switch verification off, and with `agent: false` or a factory the `ssl` options
 * are applied to every request (tls-connection.ts) rather than dropped.
 */
import http from 'node:http';
import { X509Certificate } from 'node:crypto';
import { certificateBlocks, holdsForeignKey, pemKeyBodies, privateKeysOf, refusePrivateKey } from './pem.js';
import { createSecureContext, type ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { inspect } from 'node:util';
import type { SecretSet } from '../errors/secrets.js';
import { ConfigError } from '../errors/classes.js';
import { fail, isOptionsObject, optionalBoolean, optionalInteger, optionalString, refuseUnknownKeys, typeName } from './options-check.js';
import { field, opt, setOwn } from '../errors/own.js';
import { checkedEntries, entryTexts, MAX_PEM_BYTES, nodeEntries, nodeList, pemText, type KeyEntry, type PemData, type PemEntry, type PfxEntry } from './tls-entries.js';

export { MAX_PEM_BYTES };
export type { KeyEntry, PemData, PfxEntry };

/** PEM text or bytes (a Buffer, typed array or DataView), or a list of them. */
export type PemInput = PemData | PemData[];

/** TLS options for HTTPS nodes. */
export interface SslOptions {
  /** PEM CA certificate(s) to trust instead of the default store (like Node's `ca`). */
  ca?: PemInput | undefined;
  /** Verify the server certificate (default true). `false` also requires `allowInsecureTls: true`. */
  rejectUnauthorized?: boolean | undefined;
  /** TLS server name (SNI + certificate name check), e.g. the domain host when the node URL is a tunnel. */
  servername?: string | undefined;
  /** mTLS: the client certificate chain (PEM); needs `key`. */
  cert?: PemInput | undefined;
  /** mTLS: the client private key (PEM), or a list mixing keys and `{ pem, passphrase? }` entries; a secret, never echoed. */
  key?: PemData | Array<PemData | KeyEntry> | undefined;
  /** mTLS: a PKCS#12 bundle with the client certificate and key, instead of `cert` + `key`; or a list mixing bundles and `{ buf, passphrase? }` entries. */
  pfx?: PemData | Array<PemData | PfxEntry> | undefined;
  /** Passphrase of an encrypted `key` or `pfx`; a secret, never echoed. */
  passphrase?: string | undefined;
}

const SSL_KEYS = ['ca', 'rejectUnauthorized', 'servername', 'cert', 'key', 'pfx', 'passphrase'] as const;
/** Agent options that decide what is trusted: set through `ssl`, never through the agent. */
const TLS_AGENT_KEYS = ['rejectUnauthorized', 'checkServerIdentity', 'ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'secureContext', 'crl', 'ciphers', 'minVersion', 'maxVersion', 'secureProtocol', 'secureOptions'];
function checkCa(value: unknown, key: unknown, passphrase: unknown): void {
  const list = checkedEntries('ssl.ca', value);
  refusePrivateKey('ssl.ca', value, 'a CA', key, passphrase);
  for (const { name, data } of list) {
    const blocks = certificateBlocks(pemText(data));
    if (blocks.length === 0) fail(name, 'holds no PEM certificate ("-----BEGIN CERTIFICATE-----"); give the CA certificate in PEM form');
    for (const block of blocks) {
      try {
        new X509Certificate(block);
      } catch {
        fail(name, 'holds a PEM certificate that cannot be parsed');
      }
    }
  }
}

/** Checks `ssl` by type and content; throws ConfigError naming the field (never echoing a key or passphrase). */
export function checkSsl(ssl: unknown, allowInsecureTls: boolean): SslOptions | undefined {
  if (ssl === undefined) return undefined;
  if (!isOptionsObject(ssl)) fail('ssl', `must be an object { ca?, rejectUnauthorized?, servername?, cert?, key?, pfx?, passphrase? }, got ${typeName(ssl)}`);
  refuseUnknownKeys('ssl', ssl, SSL_KEYS, 'of ssl');
  if (optionalBoolean('ssl.rejectUnauthorized', ssl.rejectUnauthorized) === false && !allowInsecureTls) {
    fail('ssl.rejectUnauthorized', 'false disables certificate checks; give the CA with ssl.ca instead, or set allowInsecureTls: true to accept the risk');
  }
  const servername = optionalString('ssl.servername', ssl.servername, 'a host name');
  if (servername !== undefined && !/^[A-Za-z0-9.-]{1,253}$/.test(servername)) fail('ssl.servername', 'must be a host name (letters, digits, dots and dashes)');
  const keys = ssl.key === undefined ? [] : checkedEntries('ssl.key', ssl.key, 'pem');
  const bundles = ssl.pfx === undefined ? [] : checkedEntries('ssl.pfx', ssl.pfx, 'buf');
  // what every later step reads (and the connection is given): the entries as read by this one check, so a class
  // instance's getter cannot hand the connection another key than the one checked
  const lists = { key: asGiven(ssl.key, keys, 'pem'), pfx: asGiven(ssl.pfx, bundles, 'buf') };
  checkedLists.set(ssl, lists);
  if (ssl.ca !== undefined) checkCa(ssl.ca, lists.key, ssl.passphrase);
  if (ssl.cert !== undefined) checkedEntries('ssl.cert', ssl.cert);
  if (ssl.passphrase !== undefined && typeof ssl.passphrase !== 'string') fail('ssl.passphrase', `must be a string, got ${typeName(ssl.passphrase)}`);
  if (ssl.key !== undefined && ssl.cert === undefined) fail('ssl.cert', 'ssl.key is set: give the client certificate with ssl.cert too');
  if (ssl.cert !== undefined && ssl.key === undefined) fail('ssl.key', 'ssl.cert is set: give its private key with ssl.key too');
  if (ssl.pfx !== undefined && ssl.cert !== undefined) fail('ssl.pfx', 'give the client certificate either as ssl.pfx or as ssl.cert + ssl.key, not both');
  if (ssl.passphrase !== undefined && ssl.key === undefined && ssl.pfx === undefined) fail('ssl.passphrase', 'is set without ssl.key or ssl.pfx');
  refuseForeignKeyInCert(ssl.cert, lists.key, ssl.passphrase);
  const usePfx = ssl.pfx !== undefined;
  refuseUnusedPassphrases(usePfx ? bundles : keys, usePfx ? 'pfx' : 'key', ssl.passphrase);
  if (ssl.cert !== undefined || usePfx) checkLoads(ssl, lists, usePfx ? bundles : keys, usePfx);
  return ssl as SslOptions;
}

/** The key and pfx lists checkSsl read, by the `ssl` object it checked (tlsOptionsOf and sslSecrets use them). */
const checkedLists = new WeakMap<object, { key: unknown; pfx: unknown }>();

/** A key or pfx option as handed on: a list as copies of its checked entries with own fields, a single value as given. */
function asGiven(given: unknown, entries: readonly PemEntry[], dataField: 'pem' | 'buf'): unknown {
  return Array.isArray(given) ? nodeList(entries, dataField) : given;
}

/**
 * A private key inside `ssl.cert` is accepted only when it is the key of `ssl.key` (one PEM file holding both, given as
 * each, as curl and openssl allow; holdsForeignKey): another key there is a wrong file.
 */
function refuseForeignKeyInCert(cert: unknown, key: unknown, passphrase: unknown): void {
  if (cert === undefined || !holdsForeignKey(cert, key, passphrase)) return;
  fail('ssl.cert', 'holds a private key ("-----BEGIN ... PRIVATE KEY-----" block, not shown) that is not ssl.key: give the client certificate (chain) alone, and its key as ssl.key');
}

/** The message of a secure context's failure: its OpenSSL code when it has one; undefined when it loads. */
function loadError(options: Record<string, unknown>): { why: string; mac: boolean } | undefined {
  try {
    // each setting own (undefined when not given): createSecureContext reads an absent one from the prototype
    createSecureContext({ ca: undefined, cert: undefined, key: undefined, pfx: undefined, passphrase: undefined, ...options } as TlsConnectionOptions);
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = typeof code === 'string' && /^[A-Z0-9_]{1,80}$/.test(code) ? code : 'not usable';
    // a PKCS#12 file's wrong passphrase is reported without a code, as "mac verify failure"
    return { why, mac: /mac verify failure/i.test(String((error as { message?: unknown }).message ?? '')) };
  }
}

/**
 * Loads the client certificate as Node will (each list entry as its own `{ pem | buf, passphrase }`); a failure is a
 * ConfigError naming the entry to blame (`ssl.key[1]`, `ssl.pfx`) or its passphrase, never echoing either.
 */
function checkLoads(ssl: Record<string, unknown>, lists: { key: unknown; pfx: unknown }, entries: readonly PemEntry[], usePfx: boolean): void {
  const dataField = usePfx ? 'buf' : 'pem';
  const base = pick(ssl, ['cert', 'passphrase']);
  const given = usePfx ? ssl.pfx : ssl.key;
  const all = usePfx ? lists.pfx : lists.key;
  let failed = loadError({ ...base, [usePfx ? 'pfx' : 'key']: all });
  if (failed === undefined) return;
  // the entry to blame: the first that does not load on its own beside the certificate (one try per entry)
  let entry = entries[entries.length - 1] as PemEntry;
  if (Array.isArray(given)) {
    for (const [i, one] of entries.entries()) {
      const alone = loadError({ ...base, [usePfx ? 'pfx' : 'key']: nodeList([one], dataField) });
      if (alone === undefined) continue;
      [entry, failed] = [entries[i] as PemEntry, alone];
      break;
    }
  }
  const { why, mac } = failed;
  const mismatch = /KEY_VALUES_MISMATCH/.test(why);
  const single = { ...pick(ssl, ['passphrase']), key: nodeList([entry], 'pem') };
  // A wrong passphrase usually fails the padding check (BAD_DECRYPT), but about 1 time in 256 it
  // decrypts to garbage that OpenSSL reports as an unsupported or malformed key instead.
  // the key decrypts and loads on its own: what failed is the certificate (an encrypted key is not to blame)
  if (!usePfx && !mismatch && loadError(single) === undefined) {
    fail('ssl.cert', `the client certificate cannot be loaded: ${why} (give it as PEM text or a Buffer)`);
  }
  // a key without a PEM block OpenSSL can find (its BEGIN line must start a line: a space or U+202E before it
  // hides it) is the key's fault, whatever the passphrase: checked before an encrypted key's failure blames that
  if (!usePfx) refusePemWithoutBlock(entry);
  const wrongPassphrase = (usePfx && mac) || /BAD_DECRYPT|PASSWORD|MAC_VERIFY/.test(why) || (!usePfx && isEncryptedPem(entry.data) && !mismatch);
  if (wrongPassphrase) fail(entry.passphraseName, `cannot decrypt ${entry.name} (${why}): the passphrase is wrong or missing`);
  const hint = mismatch ? ' (the key does not belong to ssl.cert)' : '';
  fail(entry.name, `the client certificate and key cannot be loaded: ${why}${hint}`);
}

/**
 * A passphrase beside a key (or PKCS#12 bundle) that loads without it: Node ignores it silently, but whoever set it
 * expects an encrypted key, so the key given is most likely the wrong file. `ssl.passphrase` is checked against the
 * entries without their own; an entry's own passphrase against that entry.
 */
function refuseUnusedPassphrases(entries: readonly PemEntry[], option: 'key' | 'pfx', top: unknown): void {
  // an empty passphrase is none (Node ignores it for a pfx; `passphrase: ''` is how many configs write "no passphrase")
  const loadsPlain = (entry: PemEntry): boolean => loadError({ [option]: entry.data }) === undefined;
  for (const entry of entries) {
    if (entry.passphrase === undefined || entry.passphrase === '' || !loadsPlain(entry)) continue;
    fail(entry.passphraseName, `is set, but ${entry.name} is not encrypted (it loads without a passphrase, which Node would ignore): is it the right key file? Give the encrypted key, or leave this passphrase out`);
  }
  if (top === undefined || top === '') return;
  const usingTop = entries.filter((entry) => entry.passphrase === undefined);
  if (usingTop.length === 0) fail('ssl.passphrase', `is set, but every entry of ssl.${option} has its own passphrase, so Node ignores it: leave ssl.passphrase out`);
  if (!usingTop.every(loadsPlain)) return;
  fail('ssl.passphrase', `is set, but ssl.${option} is not encrypted (it loads without a passphrase, which Node would ignore): is it the right key file? Give the encrypted key, or leave ssl.passphrase out`);
}

/** A PEM BEGIN line as OpenSSL looks for it: at the start of a line (whole lines of other text may come before it). */
const PEM_BEGIN_LINE = /^-----BEGIN [^\r\n]*-----/m;

/** Fails naming the entry when its PEM text holds no BEGIN line OpenSSL can find; never echoes it. */
function refusePemWithoutBlock(entry: PemEntry): void {
  const text = pemText(entry.data);
  if (PEM_BEGIN_LINE.test(text)) return;
  fail(entry.name, /-----BEGIN /.test(text)
    ? 'holds a "-----BEGIN ...-----" line that does not start a line (a space or other character before it): OpenSSL finds no PEM block; give the PEM text as written'
    : 'holds no PEM block ("-----BEGIN ...-----"); give the private key in PEM form');
}

/** True when the PEM key is encrypted (PKCS#8 `ENCRYPTED PRIVATE KEY` or a legacy `Proc-Type: 4,ENCRYPTED`). */
function isEncryptedPem(key: PemData): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pemText(key));
}

/** The given `keys` of `source` (its own: a TLS setting a polluted Object.prototype holds is none of the caller's). */
function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = field(source, key);
    if (value !== undefined) setOwn(out, key, value);
  }
  return out;
}

/** The TLS settings given to every connection (verification on unless explicitly turned off). */
export function tlsOptionsOf(ssl: SslOptions | undefined): TlsConnectionOptions {
  const given = (ssl ?? {}) as Record<string, unknown>;
  const lists = ssl === undefined ? undefined : checkedLists.get(ssl);
  // every setting that decides trust own, undefined when not given: Node reads an absent one from the options'
  // prototype, so a polluted Object.prototype's `ca` (an attacker's CA), `servername` (the name a certificate is
  // checked against) or `secureContext` would otherwise be trusted on every connection
  return {
    ca: field(given, 'ca') as TlsConnectionOptions['ca'], servername: field(given, 'servername') as string | undefined,
    // a list of keys or bundles as copies with own fields: Node reads `.pem` / `.buf` of each (tls-entries.ts)
    cert: field(given, 'cert') as TlsConnectionOptions['cert'], key: (lists?.key ?? nodeEntries(field(given, 'key'), 'pem')) as TlsConnectionOptions['key'],
    pfx: (lists?.pfx ?? nodeEntries(field(given, 'pfx'), 'buf')) as TlsConnectionOptions['pfx'], passphrase: field(given, 'passphrase') as string | undefined,
    secureContext: undefined,
    rejectUnauthorized: (ssl === undefined ? undefined : opt(ssl, 'rejectUnauthorized')) !== false,
  };
}

/** The secret parts of `ssl` (private keys, PKCS#12 bundles, passphrases: `ssl.passphrase` and each entry's own), for redaction by value. */
export function sslSecrets(ssl: SslOptions | undefined, secrets: SecretSet): void {
  if (ssl === undefined) return;
  secrets.add(opt(ssl, 'passphrase'));
  const lists = checkedLists.get(ssl);
  for (const { text, passphrase } of entryTexts(lists?.key ?? opt(ssl, 'key'), 'utf8')) {
    secrets.add(passphrase);
    // The base64 body of each PEM block is what could be echoed; the block as a whole too.
    secrets.add(text);
    for (const body of pemKeyBodies(text)) secrets.add(body.replace(/\s+/g, ''));
  }
  // a key in ssl.cert or ssl.ca (one file holding the certificates and the key, given as each) is the same secret
  for (const body of [...privateKeysOf(opt(ssl, 'cert')), ...privateKeysOf(opt(ssl, 'ca'))]) secrets.add(body);
  // a PKCS#12 bundle holds the key too: its base64 form is what could be echoed (its text when given as a string)
  for (const { text, passphrase } of entryTexts(lists?.pfx ?? opt(ssl, 'pfx'))) {
    secrets.add(passphrase);
    if (text !== '') secrets.add(Buffer.from(text, 'latin1').toString('base64'));
  }
  for (const pfx of Array.isArray(ssl.pfx) ? ssl.pfx : [ssl.pfx]) if (typeof pfx === 'string') secrets.add(pfx);
}

/** What an agent factory returned, as far as it decides trust. */
interface AgentLike {
  options?: { rejectUnauthorized?: unknown; checkServerIdentity?: unknown };
}

function checkFactoryAgent(agent: unknown, allowInsecureTls: boolean, url: unknown): void {
  if (agent === undefined) return;
  // anything else fails every request with a raw TypeError, and close() then never settles (opensearch-js destroys it)
  if (!(agent instanceof http.Agent)) fail('clientOptions.agent', `the agent factory must return an http(s).Agent (or undefined), got ${typeName(agent)}`);
  if (url instanceof URL && url.protocol === 'https:' && Object.getPrototypeOf(agent) === http.Agent.prototype) {
    fail('clientOptions.agent', 'the agent factory returned an http.Agent for an https:// node: return an https.Agent');
  }
  const options = (agent as AgentLike).options;
  if (allowInsecureTls || options === undefined || options === null) return;
  if (options.rejectUnauthorized === false) {
    fail('clientOptions.agent', 'the agent factory returned an agent with rejectUnauthorized: false, which trusts any certificate; trust a CA with ssl.ca, or set allowInsecureTls: true to accept the risk');
  }
  if (typeof options.checkServerIdentity === 'function') {
    fail('clientOptions.agent', 'the agent factory returned an agent with its own checkServerIdentity, which can accept any host; use ssl.servername, or set allowInsecureTls: true');
  }
}

/**
 * The connection options an agent factory is handed: `ssl` with the settings the caller gave (and
 * rejectUnauthorized), without the ones the connection holds as undefined (own, so Node never reads them from
 * a polluted prototype): a factory that spreads `opts.ssl` over its own `ca` keeps that CA.
 */
function withSetTlsOnly(options: unknown): unknown {
  if (options === null || typeof options !== 'object') return options;
  const ssl = field(options, 'ssl');
  if (ssl === null || typeof ssl !== 'object') return options;
  const given = pick(ssl as Record<string, unknown>, Object.keys(ssl));
  // printed as the connection's own ssl is (it may hold the mTLS key and passphrase)
  for (const view of [inspect.custom, 'toJSON']) {
    const d = Object.getOwnPropertyDescriptor(ssl, view);
    if (d !== undefined) Object.defineProperty(given, view, d);
  }
  return { ...options, ssl: given };
}

/**
 * What createClient's agent check sees, for validateOptions (which builds no connection): the checked (guarded)
 * agent factory is called once per node as opensearch-js calls it when it builds the node's connection (its url,
 * `ssl`, `proxy`), so a factory whose agent createClient refuses is refused here too. The agents are not destroyed: a
 * factory may hand out an agent a live client shares (`() => keepAliveAgent`); one that made no request holds no socket.
 */
export function probeAgentFactory(agent: unknown, nodes: readonly URL[], ssl: SslOptions | undefined, proxy: unknown): void {
  if (typeof agent !== 'function') return;
  for (const url of nodes) {
    (agent as (options: unknown) => unknown)({ url, ssl: tlsOptionsOf(ssl), agent, proxy: proxy ?? null });
  }
}

/**
 * Checks `clientOptions.agent` and returns what to hand to opensearch-js: agent options without
 * TLS settings, `false`, or the factory wrapped so that an agent that trusts anything is refused
 * (ConfigError from createClient, or from the first use of a node added later).
 */
export function checkAgent(agent: unknown, allowInsecureTls: boolean): unknown {
  if (agent === undefined || agent === false) return agent;
  if (typeof agent === 'function') {
    const factory = agent as (options: unknown) => unknown;
    return function guardedAgentFactory(options: unknown): unknown {
      // what a factory or its agent throws is not repeated: it may quote the node URL's credentials
      let made: unknown;
      try {
        made = factory(withSetTlsOnly(options));
      } catch {
        fail('clientOptions.agent', 'the agent factory threw (its error is not repeated here: it may hold a secret)');
      }
      try {
        checkFactoryAgent(made, allowInsecureTls, (options as { url?: unknown } | null)?.url);
      } catch (e) {
        if (e instanceof ConfigError) throw e;
        fail('clientOptions.agent', 'the agent the factory returned could not be read (a getter or Proxy threw)');
      }
      return made;
    };
  }
  if (!isOptionsObject(agent)) fail('clientOptions.agent', `must be agent options, an agent factory function or false, got ${typeName(agent)}`);
  for (const key of TLS_AGENT_KEYS) {
    if (agent[key] !== undefined) fail(`clientOptions.agent.${key}`, 'TLS settings belong in the top-level `ssl` option (verification stays on unless allowInsecureTls is set)');
  }
  optionalBoolean('clientOptions.agent.keepAlive', agent.keepAlive);
  optionalInteger('clientOptions.agent.keepAliveMsecs', agent.keepAliveMsecs, 1, 2 ** 31 - 1, ' ms');
  optionalInteger('clientOptions.agent.maxSockets', agent.maxSockets, 1, 1_000_000);
  optionalInteger('clientOptions.agent.maxFreeSockets', agent.maxFreeSockets, 0, 1_000_000);
  optionalInteger('clientOptions.agent.maxTotalSockets', agent.maxTotalSockets, 1, 1_000_000);
  optionalInteger('clientOptions.agent.timeout', agent.timeout, 0, 2 ** 31 - 1, ' ms');
  if (agent.scheduling !== undefined && agent.scheduling !== 'fifo' && agent.scheduling !== 'lifo') fail('clientOptions.agent.scheduling', 'must be "fifo" or "lifo"');
  return agent;
}
