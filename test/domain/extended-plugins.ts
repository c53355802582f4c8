/**
 * The plugins the security plugin extends (`extended.plugins` of its descriptor) must be installed
 * before it. The integ-test zip holds only the transport modules; the one non-optional plugin
 * 3.4+ names that is not there (rule-framework, not published to Maven Central) is provided by a
 * stand-in module compiled here (test/domain/rule-framework/). Any other missing one fails at once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const STAND_IN_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rule-framework', 'RuleFrameworkStandIn.java');
const STAND_IN_CLASS = 'org.opensearchfgac.localdomain.RuleFrameworkStandIn';
/**
 * Libraries the real module puts on the classpath of the plugins extending it, which the security
 * plugin then uses without bundling them (3.4.0.0: commons-collections4 in its privilege evaluation).
 */
const STAND_IN_LIBRARIES = ['org.apache.commons:commons-collections4:4.4'];

/** Fetches a Maven artifact (`group:artifact:version`) and returns the jar's path. */
export type FetchJar = (artifact: string) => string;

/** The plugin names a descriptor's `extended.plugins` requires (optional ones left out). */
export function requiredExtendedPlugins(descriptor: string): string[] {
  const line = descriptor.split(/\r?\n/).find((l) => l.trim().startsWith('extended.plugins='));
  if (line === undefined) return [];
  return line.slice(line.indexOf('=') + 1).split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !/;\s*optional\s*=\s*true\s*$/i.test(entry))
    .map((entry) => entry.split(';')[0]?.trim() ?? '')
    .filter(Boolean);
}

/** The security plugin zip's plugin-descriptor.properties. */
function descriptorOf(pluginZip: string): string {
  return execFileSync('unzip', ['-p', pluginZip, 'plugin-descriptor.properties'], { encoding: 'utf8' });
}

/** Installs what the plugin in `pluginZip` extends and `home` lacks (the rule-framework stand-in), or throws naming it. */
export function provideExtendedPlugins(home: string, pluginZip: string, javaHome: string, version: string, fetchJar: FetchJar): void {
  const installed = new Set([...fs.readdirSync(path.join(home, 'modules')), ...fs.readdirSync(path.join(home, 'plugins'))]);
  for (const name of requiredExtendedPlugins(descriptorOf(pluginZip))) {
    if (installed.has(name)) continue;
    if (name !== 'rule-framework') {
      throw new Error(`the security plugin of OpenSearch ${version} extends the plugin "${name}", which the integ-test zip lacks and the local domain cannot provide`);
    }
    buildStandIn(path.join(home, 'modules', name), home, javaHome, version);
    for (const artifact of STAND_IN_LIBRARIES) {
      const jar = fetchJar(artifact);
      fs.copyFileSync(jar, path.join(home, 'modules', name, path.basename(jar)));
    }
  }
}

function buildStandIn(dir: string, home: string, javaHome: string, version: string): void {
  const work = fs.mkdtempSync(path.join(path.dirname(home), 'rule-framework-build-'));
  try {
    const classes = path.join(work, 'classes');
    execFileSync(path.join(javaHome, 'bin', 'javac'), ['--release', '21', '-nowarn', '-cp', path.join(home, 'lib', '*'), '-d', classes, STAND_IN_SOURCE], { stdio: ['ignore', 'ignore', 'pipe'] });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync(path.join(javaHome, 'bin', 'jar'), ['cf', path.join(dir, 'rule-framework-stand-in.jar'), '-C', classes, '.'], { stdio: ['ignore', 'ignore', 'pipe'] });
    fs.writeFileSync(path.join(dir, 'plugin-descriptor.properties'), [
      'description=Stand-in for the rule-framework module (no extensions loaded; test/domain/rule-framework)',
      `version=${version}`,
      'name=rule-framework',
      `classname=${STAND_IN_CLASS}`,
      'java.version=21',
      `opensearch.version=${version}`,
      'extended.plugins=',
      'has.native.controller=false',
      '',
    ].join('\n'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
