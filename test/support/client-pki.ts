/** A throw-away CA and a client certificate whose EC key is encrypted with a passphrase, made by openssl for one test run. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The files (in `dir`) and their PEM texts. */
export interface ClientPki {
  dir: string;
  ca: string;
  cert: string;
  key: string;
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** Makes the CA and the client certificate in a fresh temporary directory (the caller removes `dir`). */
export function makeClientPki(passphrase: string, name: string): ClientPki {
  const dir = mkdtempSync(join(tmpdir(), `fgac-${name}-`));
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${name}-ca`);
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-passout', `pass:${passphrase}`, '-keyout', 'client.key', '-out', 'client.csr', '-subj', `/CN=${name}-client`);
  run('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.pem', '-days', '2');
  const caFile = join(dir, 'ca.pem');
  const certFile = join(dir, 'client.pem');
  const keyFile = join(dir, 'client.key');
  return { dir, caFile, certFile, keyFile, ca: readFileSync(caFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}
