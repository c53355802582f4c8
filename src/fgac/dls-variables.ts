/**
 * The plugin's user-variable substitution, applied textually to DLS queries and index patterns
 * before they are parsed or matched: `${user.name}`, `${user.roles}`, `${user.securityRoles}`,
 * custom attributes (`${attr.internal.X}`, ...) and their underscore spellings. 3.x also honours
 * `${x:-default}` and `$${x}` escapes; 1.x/2.x replace exact references only.
 */
import { pluginMajorVersion } from './plugin-version.js';

/** The principal whose attributes DLS variables refer to. */
export interface DlsUser {
  /** `${user.name}` */
  name?: string;
  /** Backend roles: `${user.roles}` */
  roles?: readonly string[];
  /** Security (mapped) roles: `${user.securityRoles}` */
  securityRoles?: readonly string[];
  /** Custom attributes by full name, e.g. `{ 'attr.internal.dept': 'sales' }` (`${attr.internal.dept}`). */
  attributes?: Readonly<Record<string, string>>;
}

/** Result of substituting user variables into a DLS query string. */
export interface Substitution {
  text: string;
  /** Variable names left unresolved (no value, no default); they stay in `text` literally. */
  unresolved: string[];
  /** `${x:-default}` forms met (honoured by 3.x; 1.x/2.x leave them literally). */
  defaults: string[];
}

const quoted = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(',');

/**
 * Replaces `${user.name}`, `${user.roles}` (`"a","b"`), `${user.securityRoles}`, custom attributes
 * such as `${attr.internal.X}` and their underscore forms (`${user_name}`). Values are inserted as
 * they are (not JSON-escaped), as the plugin does. 3.x (default) also honours `${x:-default}` and
 * `$${x}` escapes; with `pluginVersion` 1.x/2.x only exact `${name}` references are replaced.
 */
export function substituteUserVariables(query: string, user: DlsUser = {}, options: { pluginVersion?: string } = {}): Substitution {
  const values = new Map<string, string>();
  const put = (k: string, v: string): void => {
    values.set(k, v);
    values.set(k.replaceAll('.', '_'), v);
  };
  if (user.name !== undefined) put('user.name', user.name);
  if (user.roles) put('user.roles', quoted(user.roles));
  if (user.securityRoles) put('user.securityRoles', quoted(user.securityRoles));
  for (const [k, v] of Object.entries(user.attributes ?? {})) put(k, v);
  const legacy = (pluginMajorVersion(options.pluginVersion) ?? 3) < 3;
  const unresolved: string[] = [];
  const defaults: string[] = [];
  let out = '';
  let i = 0;
  while (i < query.length) {
    const at = query.indexOf('${', i);
    if (at < 0) { out += query.slice(i); break; }
    if (!legacy && at > 0 && query[at - 1] === '$') {
      // `$${x}` is an escaped literal `${x}` for the 3.x substitutor
      out += query.slice(i, at - 1) + '${';
      i = at + 2;
      continue;
    }
    const end = query.indexOf('}', at + 2);
    if (end < 0) { out += query.slice(i); break; }
    out += query.slice(i, at);
    const body = query.slice(at + 2, end);
    const dflt = body.indexOf(':-');
    if (dflt >= 0) defaults.push(body);
    const name = dflt >= 0 && !legacy ? body.slice(0, dflt) : body;
    const v = values.get(name);
    if (v !== undefined) out += v;
    else if (dflt >= 0 && !legacy) out += body.slice(dflt + 2);
    else { out += query.slice(at, end + 1); unresolved.push(name); }
    i = end + 1;
  }
  return { text: out, unresolved, defaults };
}
