import { defineConfig } from 'tsup';

// p-retry is ESM-only: the CommonJS build bundles it so `require('opensearch-fgac')` works.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
  },
  {
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    noExternal: ['p-retry', 'is-network-error'],
  },
]);
