/** Where the local domain keeps its files, and the versions it runs. */
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Everything generated at run time lives here (ignored by git). */
export const DOMAIN_DIR = process.env.FGAC_DOMAIN_DIR ?? path.join(PROJECT_ROOT, '.local-domain');
export const CONNECTION_FILE = path.join(DOMAIN_DIR, 'connection.json');
export const STATE_FILE = path.join(DOMAIN_DIR, 'state.json');
export const CERTS_DIR = path.join(DOMAIN_DIR, 'certs');
/** Zips and jars fetched from Maven Central (FGAC_DOWNLOADS_DIR: shared by the matrix's 3.x domain with the main one). */
export const DOWNLOADS_DIR = process.env.FGAC_DOWNLOADS_DIR ?? path.join(DOMAIN_DIR, 'downloads');
export const LOGS_DIR = path.join(DOMAIN_DIR, 'logs');

/** OpenSearch versions tried in order; the first one Maven resolves wins. */
export const OPENSEARCH_VERSIONS = (process.env.FGAC_OPENSEARCH_VERSIONS ?? '2.19.4,2.19.3,2.19.2,2.19.1')
  .split(',')
  .map((v) => v.trim())
  .filter(Boolean);

/**
 * OpenSearch 2.x runs on JDK 11-21 (the machine's OpenJDK 17); 3.x needs JDK 21+ (the Temurin JDK).
 * FGAC_JAVA_HOME overrides both.
 */
export function javaHomeFor(version: string): string {
  if (process.env.FGAC_JAVA_HOME) return process.env.FGAC_JAVA_HOME;
  if (!version.startsWith('3.')) return '/usr/lib/jvm/java-17-openjdk-amd64';
  const jvms = fs.existsSync('/usr/lib/jvm') ? fs.readdirSync('/usr/lib/jvm') : [];
  const modern = jvms.filter((d) => /^(temurin|java)-(2[1-9]|[3-9]\d)/.test(d)).sort().reverse();
  if (!modern[0]) throw new Error('OpenSearch 3.x needs JDK 21+: none under /usr/lib/jvm; set FGAC_JAVA_HOME');
  return path.join('/usr/lib/jvm', modern[0]);
}

/** The unprivileged system user OpenSearch runs as when we are root. */
export const OS_USER = 'opensearch-fgac';

/** The edge connects upstream from this loopback address; only it is trusted as a proxy. */
export const EDGE_SOURCE_ADDRESS = '127.0.0.2';

export const REGION = 'us-east-1';
export const ACCOUNT_ID = '123456789012';
export const DOMAIN_NAME = 'fgac-local';
export const DOMAIN_ARN = `arn:aws:es:${REGION}:${ACCOUNT_ID}:domain/${DOMAIN_NAME}`;
export const MASTER_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/IAMMasterUserRole`;
export const LIMITED_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/IAMLimitedUserRole`;
/** A known compliance salt so tests can recompute masks (>= 16 bytes; the first 16 are used). */
export const COMPLIANCE_SALT = 'fgac-local-salt-2f8a1c';
