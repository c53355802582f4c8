/**
 * Plugin (and OpenSearch) version strings: `2.19.4`, `3.1.0`, `2.19.4.0` (the plugin's own
 * four-part form), `7.10.2` (Elasticsearch with Open Distro), `3.0.0-SNAPSHOT`. The one place that
 * reads them; rule differences between majors (1.x/2.x versus 3.x) are decided on `major`.
 */

/** Which generation of the plugin's rules (and messages) to apply: `v2` (1.x/2.x) or `v3` (3.x). */
export type PluginDialect = 'v2' | 'v3';

/** The numeric parts of a version string. */
export interface PluginVersion {
  major: number;
  minor: number;
  patch: number;
  /** The string as given (trimmed). */
  text: string;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/i;

/** Parses a version string; undefined when it does not start with a number (e.g. `unknown`, `''`). */
export function parsePluginVersion(version: string | undefined | null): PluginVersion | undefined {
  if (typeof version !== 'string') return undefined;
  const text = version.trim();
  const m = VERSION.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? '0'), patch: Number(m[3] ?? '0'), text };
}

/** The rules' generation of plugin major `major`: `v3` from 3 on, `v2` below. */
export const dialectOfMajor = (major: number): PluginDialect => (major >= 3 ? 'v3' : 'v2');

/**
 * The one unknown-version policy (every entry point reads a missing or unreadable version through it): unknown (`''`),
 * never one generation's rules; each rule that differs by version is then left undecided, and a yes/no verdict takes the refusing reading.
 */
export function pluginVersionOrUnknown(version: string | undefined | null): string {
  return typeof version === 'string' && parsePluginVersion(version) !== undefined ? version : '';
}

/**
 * Whether a cluster that reports `distribution` and `version` (`GET /`) is OpenSearch `major.minor` or later;
 * false for another distribution, undefined when the distribution or the version is unknown.
 */
export function openSearchAtLeast(cluster: { distribution: string; version: string }, major: number, minor: number): boolean | undefined {
  if (cluster.distribution.toLowerCase() !== 'opensearch') return cluster.distribution === 'unknown' ? undefined : false;
  const v = parsePluginVersion(cluster.version);
  return v === undefined ? undefined : versionAtLeast(v, major, minor);
}

/** Whether `v` is `major.minor` or later. */
export function versionAtLeast(v: PluginVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** The major version of a version string, or undefined when it has none. */
export function pluginMajorVersion(version: string | undefined | null): number | undefined {
  return parsePluginVersion(version)?.major;
}

/**
 * OpenSearch's own version from a `GET /` body; undefined for another distribution (Elasticsearch and
 * Open Distro report no `distribution`) and for an OpenSearch 1.x that reports `7.10.2` for
 * compatibility (`compatibility.override_main_response_version`): OpenSearch's own majors start at 1.
 */
export function openSearchVersionOf(root: unknown): string | undefined {
  const version = typeof root === 'object' && root !== null ? (root as { version?: unknown }).version : undefined;
  if (typeof version !== 'object' || version === null) return undefined;
  const { number, distribution } = version as { number?: unknown; distribution?: unknown };
  if (typeof number !== 'string' || typeof distribution !== 'string' || distribution.toLowerCase() !== 'opensearch') return undefined;
  const major = pluginMajorVersion(number);
  return major !== undefined && major >= 1 && major < 7 ? number : undefined;
}
