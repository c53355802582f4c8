/** A test's own loopback http.Server for the whole test file: its URL, or a raw opensearch-js Client pointed at it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { Client } from '@opensearch-project/opensearch';

/** Listens `server` on 127.0.0.1 before the file's tests, closes it and the client after; returns the client's getter. */
export function loopbackClient(server: http.Server): () => Client {
  let client: Client | undefined;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new Client({ node: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
  after(async () => {
    await client?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return () => {
    if (client === undefined) throw new Error('loopbackClient: used before the before() hook ran');
    return client;
  };
}

/** Listens `server` on 127.0.0.1 before the file's tests and closes it (and its connections) after; returns the URL's getter. */
export function loopbackUrl(server: http.Server): () => string {
  let url: string | undefined;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return () => {
    if (url === undefined) throw new Error('loopbackUrl: used before the before() hook ran');
    return url;
  };
}
