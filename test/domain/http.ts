/** A tiny HTTPS JSON client for the launcher and tests (independent of the SDK under test). */
import https from 'node:https';
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = unknown>(): T;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** `user:password` for HTTP basic. */
  basic?: string;
  ca?: string | Buffer;
  timeoutMs?: number;
  localAddress?: string;
}

/** Sends one request and buffers the whole response. */
export function request(url: string, opts: RawRequest = {}): Promise<RawResponse> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.basic) headers.authorization = 'Basic ' + Buffer.from(opts.basic).toString('base64');
  if (opts.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = lib.request(u, {
      method: opts.method ?? 'GET', headers, ca: opts.ca, agent: false,
      timeout: opts.timeoutMs ?? 30_000, localAddress: opts.localAddress,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${opts.timeoutMs ?? 30_000} ms: ${opts.method ?? 'GET'} ${url}`)));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
