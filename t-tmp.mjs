const d = process.argv[2];
await import(`./${d}/client.js`);
const t0 = performance.now();
await import(`./${d}/index.js`);
process.stdout.write((performance.now()-t0).toFixed(1)+' ');
