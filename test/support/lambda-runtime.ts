/**
 * Invokes a handler the way the AWS Lambda Node.js runtime does: the module is loaded once (init),
 * then `handler(event, context, callback)` is called with a Context whose deadline counts down;
 * a returned promise or the callback gives the result. The process then exits without closing
 * anything (the runtime freezes the container).
 *
 *   node --import tsx test/support/lambda-runtime.ts <module.ts> <export> <timeoutMs>  < event.json
 * Prints `@@lambda-result <json>` ({ result } or { error }) as its last stdout line.
 */
import { pathToFileURL } from 'node:url';
import { localContext } from '../../examples/handler-support.js';

type RuntimeHandler = (event: unknown, context: unknown, callback: (error?: unknown, result?: unknown) => void) => unknown;

const [modulePath, exportName = 'handler', timeout = '30000'] = process.argv.slice(2);
if (modulePath === undefined) throw new Error('usage: lambda-runtime.ts <module> [export] [timeoutMs]');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function finish(payload: unknown): never {
  process.stdout.write(`@@lambda-result ${JSON.stringify(payload)}\n`, () => process.exit(0));
  // process.exit runs from the write callback; never return to the caller meanwhile
  return undefined as never;
}

const event: unknown = JSON.parse(await readStdin());
const mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
const handler = mod[exportName];
if (typeof handler !== 'function') throw new Error(`${modulePath} exports no function ${exportName}`);
const name = modulePath.replace(/^.*\//, '').replace(/\.[jt]s$/, '');
try {
  const result = await new Promise<unknown>((resolve, reject) => {
    const callback = (error?: unknown, value?: unknown): void => (error ? reject(error) : resolve(value));
    const returned = (handler as RuntimeHandler)(event, localContext(name, Number(timeout)), callback);
    if (returned !== null && typeof returned === 'object' && typeof (returned as Promise<unknown>).then === 'function') {
      (returned as Promise<unknown>).then(resolve, reject);
    }
  });
  finish({ result });
} catch (e) {
  finish({ error: { name: (e as Error)?.name, message: (e as Error)?.message } });
}
