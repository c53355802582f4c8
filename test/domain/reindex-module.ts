/**
 * The reindex module (`_reindex`, `_update_by_query`, `_delete_by_query`) is not in the integ-test zip.
 * Its jar is published as `org.opensearch.plugin:reindex-client:<V>`; Maven resolves it with its runtime
 * dependencies (rest client, ssl-config, http client) into the downloads directory once, and the module
 * is written under `modules/reindex/` with a descriptor of our own. Jars the node already has in `lib/`
 * are left out (OpenSearch refuses duplicate classes between a module and the core classpath).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The module's plugin class: ReindexPlugin in 2.x, ReindexModulePlugin in 3.x. */
const PLUGIN_CLASS = /^org\/opensearch\/index\/reindex\/Reindex(Module)?Plugin\.class$/;

/** The name of a jar without its version (`httpcore-nio-4.4.16.jar` -> `httpcore-nio`). */
export function jarArtifact(file: string): string {
  return file.replace(/\.jar$/, '').replace(/-\d[^-]*(-[A-Za-z][\w.]*)?$/, '');
}

/** The module's jars: those of `resolved` whose artifact `lib` does not already hold. */
export function moduleJars(resolved: string[], lib: string[]): string[] {
  const core = new Set(lib.filter((f) => f.endsWith('.jar')).map(jarArtifact));
  return resolved.filter((f) => f.endsWith('.jar') && !core.has(jarArtifact(f))).sort();
}

/** The plugin class among a jar's entries (`unzip -Z1`), as a class name; throws when there is none. */
export function pluginClassOf(entries: string[]): string {
  const entry = entries.find((e) => PLUGIN_CLASS.test(e));
  if (entry === undefined) throw new Error('the reindex-client jar holds no org.opensearch.index.reindex.Reindex[Module]Plugin class');
  return entry.replace(/\.class$/, '').replaceAll('/', '.');
}

/** The module's plugin-descriptor.properties. */
export function reindexDescriptor(version: string, classname: string): string {
  const java = version.startsWith('3.') ? '21' : '11';
  return [
    'description=The Reindex module adds APIs to reindex from one index to another or update documents that match a query.',
    `version=${version}`,
    'name=reindex',
    `classname=${classname}`,
    `java.version=${java}`,
    `opensearch.version=${version}`,
    'extended.plugins=',
    'has.native.controller=false',
    '',
  ].join('\n');
}

/** Resolves reindex-client `version` and its runtime dependencies into `downloads/reindex-<version>/` (once); returns that directory. */
function fetchReindexJars(downloads: string, version: string): string {
  const dir = path.join(downloads, `reindex-${version}`);
  if (fs.existsSync(path.join(dir, `reindex-client-${version}.jar`))) return dir;
  console.log(`[domain] fetching org.opensearch.plugin:reindex-client:${version} and its dependencies with mvn`);
  const work = fs.mkdtempSync(path.join(downloads, 'reindex-pom-'));
  try {
    fs.writeFileSync(path.join(work, 'pom.xml'), [
      '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>',
      '<groupId>local</groupId><artifactId>reindex-module</artifactId><version>1</version><packaging>pom</packaging>',
      `<dependencies><dependency><groupId>org.opensearch.plugin</groupId><artifactId>reindex-client</artifactId><version>${version}</version></dependency></dependencies>`,
      '</project>', '',
    ].join('\n'));
    const partial = `${dir}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    const r = spawnSync('mvn', ['-B', '-q', 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
      '-DincludeScope=runtime', `-DoutputDirectory=${partial}`], { cwd: work, encoding: 'utf8' });
    if (r.error) throw new Error(`could not run mvn (is Maven installed?): ${r.error.message}`);
    if (r.status !== 0) {
      const lines = (r.stdout + r.stderr).split('\n').filter((l) => l.trim() !== '');
      const errors = lines.filter((l) => l.includes('ERROR'));
      // mvn killed by a signal or failing before its logger starts prints no ERROR line: show its last lines instead
      const shown = (errors.length > 0 ? errors.slice(0, 3) : lines.slice(-3)).join('\n');
      const why = shown !== '' ? shown : `mvn exited ${r.status ?? r.signal} without output`;
      throw new Error(`could not fetch org.opensearch.plugin:reindex-client:${version} from Maven Central: ${why}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
    return dir;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Installs the reindex module into `home` when it lacks one; true when it did so now. */
export function provideReindexModule(home: string, version: string, downloads: string, osUser: string | null): boolean {
  const target = path.join(home, 'modules', 'reindex');
  if (fs.existsSync(path.join(target, 'plugin-descriptor.properties'))) return false;
  const jarsDir = fetchReindexJars(downloads, version);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const jar of moduleJars(fs.readdirSync(jarsDir), fs.readdirSync(path.join(home, 'lib')))) {
    fs.copyFileSync(path.join(jarsDir, jar), path.join(target, jar));
  }
  const entries = execFileSync('unzip', ['-Z1', path.join(jarsDir, `reindex-client-${version}.jar`)], { encoding: 'utf8' }).split('\n');
  fs.writeFileSync(path.join(target, 'plugin-descriptor.properties'), reindexDescriptor(version, pluginClassOf(entries)));
  if (osUser !== null) execFileSync('chown', ['-R', `${osUser}:`, target]);
  return true;
}
