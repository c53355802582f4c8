import { transformSync } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
const mode = process.argv[2];
for (const f of readdirSync('dist-min-tmp')) {
  if (!f.endsWith('.js')) continue;
  const src = readFileSync('dist-min-tmp/' + f, 'utf8');
  const opts = mode === 'ws' ? { minifyWhitespace: true } : { minify: true };
  const out = transformSync(src, { format: 'esm', target: 'node20', ...opts, loader: 'js' });
  writeFileSync('dist-min-tmp/' + f, out.code);
}
