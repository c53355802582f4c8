/**
 * The referee harness: fetches the real opensearch-security plugin (3.4.0.0 and 2.19.4.0) and the
 * OpenSearch core jars from Maven Central with mvn (cached under .local-domain/), compiles the small
 * Java classes in test/referee/java with plain javac, and runs a corpus through one JVM per flavour.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMAIN_DIR, DOWNLOADS_DIR, javaHomeFor } from '../domain/paths.js';
import type { RefereeCase, RefereeFlavour } from './corpus.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Versions judged per flavour (the plugin zip is `<core>.0`). Override with FGAC_REFEREE_2X / FGAC_REFEREE_3X. */
export const REFEREE_VERSIONS: Readonly<Record<RefereeFlavour, string>> = {
  '2.x': process.env.FGAC_REFEREE_2X ?? '2.19.4',
  '3.x': process.env.FGAC_REFEREE_3X ?? '3.4.0',
};

const MAIN_CLASS: Readonly<Record<RefereeFlavour, { dir: string; cls: string }>> = {
  '2.x': { dir: 'v2', cls: 'org.opensearch.security.configuration.RefereeV2' },
  '3.x': { dir: 'v3', cls: 'org.opensearch.security.privileges.dlsfls.RefereeV3' },
};

/** The plugin's answer to one case: the masked value, or the exception it threw. */
export type RefereeAnswer =
  | { id: number; ok: true; value?: string }
  | { id: number; ok: false; error: string; message: string | null };

function run(cmd: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): { stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input: opts.input, maxBuffer: 256 * 1024 * 1024, timeout: opts.timeoutMs ?? 300_000 });
  if (r.error) throw new Error(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} exited with ${r.status}:\n${(r.stderr || r.stdout).slice(0, 2000)}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** Fetches `artifact` (groupId:artifactId:version:zip) into the domain's downloads folder with mvn, once. */
function fetchZip(artifact: string, file: string): string {
  const target = path.join(DOWNLOADS_DIR, file);
  if (fs.existsSync(target)) return target;
  fs.mkdirSync(DOWNLOADS_DIR, { recursive: true });
  run('mvn', ['-B', '-q', 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${DOWNLOADS_DIR}`]);
  if (!fs.existsSync(target)) throw new Error(`mvn fetched ${artifact} but ${target} is missing`);
  return target;
}

/** Where a flavour's jars, classes and stamp live. */
function flavourDir(version: string): string {
  return path.join(DOMAIN_DIR, 'referee', version);
}

/** Fetches and unpacks the core lib/ jars and the plugin jars of one version (once); returns the classpath. */
export function prepareClasspath(flavour: RefereeFlavour): string {
  const version = REFEREE_VERSIONS[flavour];
  const dir = flavourDir(version);
  const lib = path.join(dir, 'lib');
  const plugin = path.join(dir, 'plugin');
  const stamp = path.join(dir, 'unpacked');
  if (!fs.existsSync(stamp)) {
    const coreZip = fetchZip(`org.opensearch.distribution.integ-test-zip:opensearch:${version}:zip`, `opensearch-${version}.zip`);
    const pluginZip = fetchZip(`org.opensearch.plugin:opensearch-security:${version}.0:zip`, `opensearch-security-${version}.0.zip`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(lib, { recursive: true });
    fs.mkdirSync(plugin, { recursive: true });
    // Only the top-level lib/*.jar (the node's classpath), not lib/tools/**.
    run('unzip', ['-q', '-o', '-j', coreZip, `opensearch-${version}/lib/*.jar`, '-x', `opensearch-${version}/lib/*/*`, '-d', lib]);
    run('unzip', ['-q', '-o', '-j', pluginZip, '*.jar', '-d', plugin]);
    fs.writeFileSync(stamp, `${version}\n`);
  }
  return `${lib}/*:${plugin}/*`;
}

function javaSources(flavour: RefereeFlavour): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.java')) out.push(p);
    }
  };
  walk(path.join(HERE, 'java', MAIN_CLASS[flavour].dir));
  return out.sort();
}

/** Compiles the flavour's harness with its JDK unless the sources are unchanged; returns the classes folder. */
export function compileHarness(flavour: RefereeFlavour, classpath: string): string {
  const version = REFEREE_VERSIONS[flavour];
  const javaHome = javaHomeFor(version);
  const sources = javaSources(flavour);
  const hash = crypto.createHash('sha256').update(javaHome).update(classpath);
  for (const s of sources) hash.update(s).update(fs.readFileSync(s));
  const digest = hash.digest('hex').slice(0, 16);
  const classes = path.join(flavourDir(version), `classes-${digest}`);
  if (!fs.existsSync(path.join(classes, '.done'))) {
    fs.rmSync(classes, { recursive: true, force: true });
    fs.mkdirSync(classes, { recursive: true });
    run(path.join(javaHome, 'bin', 'javac'), ['-nowarn', '-encoding', 'UTF-8', '-d', classes, '-cp', classpath, ...sources]);
    fs.writeFileSync(path.join(classes, '.done'), '');
  }
  return classes;
}

/** Runs the cases through the real plugin classes of one flavour in a single JVM; answers by case id. */
export function runReferee(flavour: RefereeFlavour, cases: readonly RefereeCase[]): Map<number, RefereeAnswer> {
  const version = REFEREE_VERSIONS[flavour];
  const classpath = prepareClasspath(flavour);
  const classes = compileHarness(flavour, classpath);
  const input = cases.map(({ id, op, expression, value, salt, algorithmDefault, field, patterns }) =>
    JSON.stringify({ id, op, expression, value, salt, algorithmDefault, field, patterns })).join('\n') + '\n';
  const java = path.join(javaHomeFor(version), 'bin', 'java');
  const { stdout } = run(java, ['-Xshare:auto', '-Xss4m', '-cp', `${classes}:${classpath}`, MAIN_CLASS[flavour].cls], { input });
  const answers = new Map<number, RefereeAnswer>();
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const a = JSON.parse(line) as RefereeAnswer;
    answers.set(a.id, a);
  }
  if (answers.size !== cases.length) throw new Error(`the ${flavour} referee answered ${answers.size} of ${cases.length} cases`);
  return answers;
}
