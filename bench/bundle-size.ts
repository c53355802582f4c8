/**
 * Benchmark (c): esbuild-minified bundle size (platform node, format cjs) of one-search Lambda
 * handlers: one on the raw client, one on the raw client + AwsSigv4Signer + the Node default
 * credential chain (the usual raw IAM Lambda), and basic / iam Lambdas on this package's dist/,
 * importing `createClient` from the root (`dist/index.js`), from `opensearch-fgac/client` (every
 * auth mode) and from the lean `opensearch-fgac/basic` / `opensearch-fgac/iam` (their modes only).
 * Targets like for like: basic <= raw client + 60 KB; an iam Lambda that bundles the default chain
 * <= raw client + AwsSigv4Signer + default chain; one without the chain (static credentials, or
 * the chain loaded at run time) <= the same raw Lambda (AwsSigv4Signer imports the default chain
 * itself, so a raw signer Lambda with static credentials bundles it too: same size, measured).
 * Each is built twice: with `@aws-sdk/*` external (the Lambda Node.js runtime ships SDK v3) and
 * fully bundled. The optional AWS SDK peers (default chain, Cognito) are loaded by an `import()`
 * of a variable specifier, which bundlers do not follow: a basic or static-credential Lambda
 * carries none of them. An iam Lambda that wants the default chain bundled (pinned) imports
 * `defaultProvider` itself and passes it as `auth.credentials`; without that, the chain is loaded
 * at run time from node_modules or the Lambda runtime's SDK. Deterministic, so one build each.
 * Delta = our bundle minus the raw client's.
 *
 *   npx tsx bench/bundle-size.ts          (needs `npm run build`)
 */
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { DIST_ESM, ROOT, emit, isMain, num, type BenchResult, type Row } from './lib.js';

/** The subpaths `opensearch-fgac/client` (every mode), `/basic` and `/iam` (fewer modes) as built. */
const DIST_CLIENT = fileURLToPath(new URL('../dist/client.js', import.meta.url));
const DIST_BASIC = fileURLToPath(new URL('../dist/basic.js', import.meta.url));
const DIST_IAM = fileURLToPath(new URL('../dist/iam.js', import.meta.url));

const WORK = join(ROOT, 'bench', 'results', '.bundle-tmp');

const HANDLER = `export const handler = async (event) => (await client.search({ index: 'flights', body: { query: { match: { Dest: event.dest } } } })).body.hits;`;
const ENTRIES: Record<string, { label: string; code: string }> = {
  raw: {
    label: 'raw Client Lambda',
    code: `import { Client } from '@opensearch-project/opensearch';\nconst client = new Client({ node: process.env.OPENSEARCH_URL });\n${HANDLER}\n`,
  },
  rawIam: {
    label: 'raw Client + AwsSigv4Signer + default chain Lambda',
    code: `import { Client } from '@opensearch-project/opensearch';\nimport { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';\nimport { defaultProvider } from '@aws-sdk/credential-provider-node';\nconst client = new Client({ ...AwsSigv4Signer({ region: process.env.AWS_REGION, service: 'es', getCredentials: defaultProvider() }), node: process.env.OPENSEARCH_URL });\n${HANDLER}\n`,
  },
  basic: {
    label: "createClient 'basic' Lambda (root import)",
    code: `import { createClient } from ${JSON.stringify(DIST_ESM)};\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'basic', username: process.env.OPENSEARCH_USERNAME, password: process.env.OPENSEARCH_PASSWORD } });\n${HANDLER}\n`,
  },
  iam: {
    label: "createClient 'iam' Lambda, default chain loaded at run time (root import)",
    code: `import { createClient } from ${JSON.stringify(DIST_ESM)};\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'iam' } });\n${HANDLER}\n`,
  },
  iamChain: {
    label: "createClient 'iam' Lambda + default chain bundled (root import)",
    code: `import { createClient } from ${JSON.stringify(DIST_ESM)};\nimport { defaultProvider } from '@aws-sdk/credential-provider-node';\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'iam', credentials: defaultProvider() } });\n${HANDLER}\n`,
  },
  iamStatic: {
    label: "createClient 'iam' Lambda, static credentials (root import)",
    code: `import { createClient } from ${JSON.stringify(DIST_ESM)};\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: process.env.KEY_ID, secretAccessKey: process.env.SECRET } } });\n${HANDLER}\n`,
  },
  basicLean: {
    label: "createClient 'basic' Lambda (opensearch-fgac/client)",
    code: `import { createClient } from ${JSON.stringify(DIST_CLIENT)};\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'basic', username: process.env.OPENSEARCH_USERNAME, password: process.env.OPENSEARCH_PASSWORD } });\n${HANDLER}\n`,
  },
  iamLean: {
    label: "createClient 'iam' Lambda (opensearch-fgac/client)",
    code: `import { createClient } from ${JSON.stringify(DIST_CLIENT)};\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'iam' } });\n${HANDLER}\n`,
  },
  basicOnly: {
    label: "createClient 'basic' Lambda (opensearch-fgac/basic)",
    code: `import { createClient } from ${JSON.stringify(DIST_BASIC)};\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'basic', username: process.env.OPENSEARCH_USERNAME, password: process.env.OPENSEARCH_PASSWORD } });\n${HANDLER}\n`,
  },
  iamOnly: {
    label: "createClient 'iam' Lambda, default chain loaded at run time (opensearch-fgac/iam)",
    code: `import { createClient } from ${JSON.stringify(DIST_IAM)};\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'iam' } });\n${HANDLER}\n`,
  },
  iamOnlyChain: {
    label: "createClient 'iam' Lambda + default chain bundled (opensearch-fgac/iam)",
    code: `import { createClient } from ${JSON.stringify(DIST_IAM)};\nimport { defaultProvider } from '@aws-sdk/credential-provider-node';\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'iam', credentials: defaultProvider() } });\n${HANDLER}\n`,
  },
  iamOnlyStatic: {
    label: "createClient 'iam' Lambda, static credentials (opensearch-fgac/iam)",
    code: `import { createClient } from ${JSON.stringify(DIST_IAM)};\nconst client = createClient({ node: process.env.OPENSEARCH_URL, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: process.env.KEY_ID, secretAccessKey: process.env.SECRET } } });\n${HANDLER}\n`,
  },
};

/** Like for like: each of our Lambdas against the raw Lambda that carries the same auth parts. */
const BASIC_KEYS = new Set(['basic', 'basicLean', 'basicOnly']);
const CHAIN_KEYS = new Set(['iamChain', 'iamOnlyChain']);
const SIGNER_KEYS = new Set(['iam', 'iamStatic', 'iamLean', 'iamOnly', 'iamOnlyStatic']);

interface Size {
  bytes: number;
  gzip: number;
  /** Output bytes per package (`node_modules/<pkg>`) or per file. */
  byPackage: Map<string, number>;
}

function packageOf(file: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (m !== null) return m[1] as string;
  return file.includes('dist/') ? 'opensearch-fgac (dist)' : 'handler';
}

/** The packages that make up the difference between two bundles, largest first. */
function deltaByPackage(ours: Size, raw: Size): string {
  const keys = new Set([...ours.byPackage.keys(), ...raw.byPackage.keys()]);
  const deltas = [...keys].map((k) => [k, (ours.byPackage.get(k) ?? 0) - (raw.byPackage.get(k) ?? 0)] as const).filter(([, d]) => Math.abs(d) >= 512);
  deltas.sort((a, b) => b[1] - a[1]);
  return deltas.slice(0, 8).map(([k, d]) => `${k} ${d >= 0 ? '+' : ''}${num(d / 1024, 1)} KB`).join(', ');
}

async function bundle(key: string, code: string, awsExternal: boolean): Promise<Size> {
  const entry = join(WORK, `${key}.mjs`);
  writeFileSync(entry, code);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    metafile: true,
    external: awsExternal ? ['@aws-sdk/*'] : [],
  });
  const out = result.outputFiles[0];
  const meta = Object.values(result.metafile.outputs)[0];
  if (out === undefined || meta === undefined) throw new Error(`esbuild produced nothing for ${key}`);
  const byPackage = new Map<string, number>();
  for (const [file, input] of Object.entries(meta.inputs)) byPackage.set(packageOf(file), (byPackage.get(packageOf(file)) ?? 0) + input.bytesInOutput);
  return { bytes: out.contents.length, gzip: gzipSync(out.contents).length, byPackage };
}

/** Runs the benchmark and returns its rows. */
export async function runBench(): Promise<BenchResult> {
  const started = Date.now();
  if (![DIST_ESM, DIST_CLIENT, DIST_BASIC, DIST_IAM].every((f) => existsSync(f))) throw new Error('dist/ not found: run `npm run build` first');
  mkdirSync(WORK, { recursive: true });
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    for (const awsExternal of [true, false]) {
      const sizes = new Map<string, Size>();
      for (const [key, e] of Object.entries(ENTRIES)) sizes.set(key, await bundle(key, e.code, awsExternal));
      const raw = sizes.get('raw') as Size;
      notes.push(`bundle delta of the basic Lambda (${awsExternal ? '@aws-sdk/* external' : 'all bundled'}) by package: ${deltaByPackage(sizes.get('basic') as Size, raw)}.`);
      notes.push(`bundle delta of the opensearch-fgac/basic Lambda (${awsExternal ? '@aws-sdk/* external' : 'all bundled'}) by package: ${deltaByPackage(sizes.get('basicOnly') as Size, raw)}.`);
      if (!awsExternal) {
        notes.push(`bundle delta of the opensearch-fgac/iam Lambda with the default chain bundled against the raw iam Lambda by package: ${deltaByPackage(sizes.get('iamOnlyChain') as Size, sizes.get('rawIam') as Size)}.`);
      }
      const rawIam = sizes.get('rawIam') as Size;
      for (const [key, e] of Object.entries(ENTRIES)) {
        const s = sizes.get(key) as Size;
        const deltaKb = (s.bytes - raw.bytes) / 1024;
        rows.push({
          group: `bundle, minified (${awsExternal ? '@aws-sdk/* external' : 'all bundled'})`,
          variant: e.label,
          value: `${num(s.bytes / 1024, 1)} KB`,
          spread: `gzip ${num(s.gzip / 1024, 1)} KB`,
          ratio: key === 'raw' ? '1.00x' : `${(s.bytes / raw.bytes).toFixed(2)}x (${deltaKb >= 0 ? '+' : ''}${num(deltaKb, 1)} KB)`,
          baseline: 'raw Client Lambda',
          ...(BASIC_KEYS.has(key) ? { target: '<= raw +60 KB', meets: deltaKb <= 60 } : {}),
          ...(CHAIN_KEYS.has(key) ? { target: '<= raw + signer + chain Lambda', meets: s.bytes <= rawIam.bytes } : {}),
          ...(SIGNER_KEYS.has(key) ? { target: '<= raw + signer Lambda', meets: s.bytes <= rawIam.bytes } : {}),
        });
      }
    }
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }
  return {
    name: 'bundle-size',
    rows,
    notes: [
      ...notes,
      'bundle: esbuild --bundle --minify --platform=node --format=cjs of a one-search Lambda handler; our Lambdas import dist/index.js (the root `import` export), dist/client.js (`opensearch-fgac/client`), dist/basic.js or dist/iam.js (the lean entries); deterministic, one build each (spread column shows the gzip size instead).',
      'bundle, all bundled: the Cognito and default-chain SDK clients are optional peers loaded by `import(variable)`, which esbuild leaves to run time, so no Lambda of ours bundles them unless it imports them itself (the iam + default chain row does, as an app pinning the chain would).',
    ],
    elapsedMs: Date.now() - started,
  };
}

if (isMain(import.meta.url)) {
  emit(await runBench());
}
