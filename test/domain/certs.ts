/** Generates the local CA and the node, admin and edge certificates with openssl. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface CertPaths {
  caCert: string;
  caKey: string;
  nodeCert: string;
  nodeKey: string;
  adminCert: string;
  adminKey: string;
  edgeCert: string;
  edgeKey: string;
}

export const NODE_DN = 'CN=node.fgac.local,OU=fgac,O=opensearch-fgac,C=US';
export const ADMIN_DN = 'CN=admin.fgac.local,OU=fgac,O=opensearch-fgac,C=US';
const EDGE_DN = 'CN=localhost,OU=edge,O=opensearch-fgac,C=US';
const CA_DN = 'CN=opensearch-fgac local CA,O=opensearch-fgac,C=US';

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function subj(dn: string): string {
  return '/' + dn.split(',').reverse().join('/');
}

/** Paths of the certificates in `dir` (whether or not they exist yet). */
export function certPaths(dir: string): CertPaths {
  const p = (name: string) => path.join(dir, name);
  return {
    caCert: p('ca.pem'), caKey: p('ca-key.pem'),
    nodeCert: p('node.pem'), nodeKey: p('node-key.pem'),
    adminCert: p('admin.pem'), adminKey: p('admin-key.pem'),
    edgeCert: p('edge.pem'), edgeKey: p('edge-key.pem'),
  };
}

function issue(dir: string, name: string, dn: string, san: string | null): void {
  const raw = `${name}-raw-key.pem`;
  openssl(['genrsa', '-out', raw, '2048'], dir);
  // The security plugin wants PKCS#8 keys.
  openssl(['pkcs8', '-topk8', '-nocrypt', '-in', raw, '-out', `${name}-key.pem`], dir);
  fs.rmSync(path.join(dir, raw));
  openssl(['req', '-new', '-key', `${name}-key.pem`, '-subj', subj(dn), '-out', `${name}.csr`], dir);
  const ext = [
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth,clientAuth',
    ...(san ? [`subjectAltName=${san}`] : []),
  ].join('\n');
  fs.writeFileSync(path.join(dir, `${name}.ext`), ext + '\n');
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial',
    '-sha256', '-days', '825', '-extfile', `${name}.ext`, '-out', `${name}.pem`], dir);
  fs.rmSync(path.join(dir, `${name}.csr`));
  fs.rmSync(path.join(dir, `${name}.ext`));
}

/** Creates the CA and certificates once; later calls reuse them. */
export function ensureCerts(dir: string): CertPaths {
  const paths = certPaths(dir);
  if (Object.values(paths).every((p) => fs.existsSync(p))) return paths;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem',
    '-days', '825', '-sha256', '-subj', subj(CA_DN),
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  const loopback = 'DNS:localhost,IP:127.0.0.1';
  issue(dir, 'node', NODE_DN, loopback);
  issue(dir, 'admin', ADMIN_DN, null);
  issue(dir, 'edge', EDGE_DN, loopback);
  return paths;
}
