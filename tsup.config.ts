import { defineConfig } from 'tsup';

/**
 * One entry per public path: `opensearch-fgac` (everything) and the subpaths `/client`, `/basic`,
 * `/iam` (the client with fewer auth modes), `/ingest`, `/security`, `/verify` and `/diagnose`. Code splitting puts the modules the entries share into common chunks,
 * so every path hands out the same classes (`instanceof` holds across paths) and a bundler that
 * imports only the client never reaches the verification, security or ingestion chunks.
 */
const entry = {
  index: 'src/index.ts',
  client: 'src/entries/client.ts',
  basic: 'src/entries/basic.ts',
  iam: 'src/entries/iam.ts',
  ingest: 'src/entries/ingest.ts',
  security: 'src/entries/security.ts',
  verify: 'src/entries/verify.ts',
  diagnose: 'src/entries/diagnose.ts',
  // Not a public path: what Node's `import` of the root binds at once (scripts/node-esm-entries.ts).
  'node-root-eager': 'src/entries/node-root-eager.ts',
};

/**
 * Source maps map dist/ lines to src/ paths for `--enable-source-maps` stack traces, but do not
 * embed the sources (`sourcesContent`): the tarball ships no copy of the TypeScript source.
 */
const noSourcesContent = (options: { sourcesContent?: boolean }): void => {
  options.sourcesContent = false;
};

export default defineConfig([
  {
    // The `opensearch-fgac` bin is ESM only and shares the chunks of the library entries.
    entry: { ...entry, cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    esbuildOptions: noSourcesContent,
    splitting: true,
    target: 'node20',
    // The noble digests (KECCAK, BLAKE2s, BLAKE3, RIPEMD160 masks) are built in: eight ESM files
    // node would resolve and link at every import of the root; their MIT notice stays in the output.
    noExternal: ['@noble/hashes'],
  },
  {
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    esbuildOptions: noSourcesContent,
    splitting: true,
    target: 'node20',
    // p-retry is ESM-only: the CommonJS build bundles it so `require('opensearch-fgac')` works;
    // the noble digests are built in as in the ESM build.
    noExternal: ['p-retry', 'is-network-error', '@noble/hashes'],
    // Rollup turns the split ES chunks into CommonJS. Without it tsup uses sucrase, which also
    // down-levels the code: class fields became per-instance __init calls (classes named `_class`),
    // optional chains helper calls. Node's `import` runs this build too (dist/*.node.mjs).
    treeshake: true,
  },
]);
