/** The connection file every test, example and outside script reads: `.local-domain/connection.json`. */
import fs from 'node:fs';
import { CONNECTION_FILE } from './paths.js';

export interface Login { username: string; password: string }
export interface IamKeys { accessKeyId: string; secretAccessKey: string; sessionToken?: string; arn: string }

export interface Connection {
  /** Direct HTTPS to the node (basic auth only; proxy headers are not trusted here). */
  opensearch: { url: string; version: string };
  /** The AWS-like endpoint: SigV4 + domain access policy + IAM identity -> FGAC user. */
  edge: { url: string; caFile: string; adminToken: string };
  /** CA that signed both the node's and the edge's certificates. */
  caFile: string;
  region: string;
  domainArn: string;
  /** plugins.security.compliance.salt of the node. */
  salt: string;
  /** The node's default masking algorithm flavour (2.x: BLAKE2B_LEGACY_DEFAULT). */
  maskingAlgorithm: 'BLAKE2B_LEGACY_DEFAULT' | 'BLAKE2B';
  users: { master: Login; limited: Login };
  iam: { master: IamKeys; limited: IamKeys };
  cognito: {
    endpoint: string; region: string; userPoolId: string; clientId: string; identityPoolId: string;
    username: string; password: string; secretClient: { clientId: string; clientSecret: string };
    /** The IAM role the edge maps the identity pool's credentials to. */
    roleArn: string;
  };
  indices: { flights: number; movies: number };
}

/** Reads the connection file; throws with the command to run when the domain was never started. */
export function loadConnection(file = CONNECTION_FILE): Connection {
  if (!fs.existsSync(file)) throw new Error(`${file} not found: run \`npm run domain:start\` first`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Connection;
}
