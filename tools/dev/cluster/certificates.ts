import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The name our processes verify the frontend's certificate against (not the address' host). */
export const TEMPORAL_SERVER_NAME = 'temporal.internal';

export interface ClusterCertificates {
  ca: string;
  /** Temporal's own: its frontend and internode listeners, and its services as each other's clients. */
  server: { cert: string; key: string };
  /** Ours: the API, the worker, the Web UI server and the tests present it to the frontend. */
  client: { cert: string; key: string };
  /** A client certificate no trusted CA signed: the frontend must refuse it. */
  stranger: { cert: string; key: string };
}

const DAYS = '30';

/**
 * A local CA and the certificates signed by it, made with openssl on first use in `dir` (under
 * .data/ or a test's folder; never committed) and reused while the CA is there.
 */
export function clusterCertificates(dir: string): ClusterCertificates {
  const file = (name: string) => path.join(dir, name);
  const made: ClusterCertificates = {
    ca: file('ca.pem'),
    server: { cert: file('server.pem'), key: file('server.key') },
    client: { cert: file('client.pem'), key: file('client.key') },
    stranger: { cert: file('stranger.pem'), key: file('stranger.key') },
  };
  if (fs.existsSync(made.stranger.cert)) return made;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  const key = (name: string) =>
    openssl(
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      file(`${name}.key`),
    );
  const selfSigned = (name: string, subject: string) =>
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      file(`${name}.key`),
      '-subj',
      subject,
      '-days',
      DAYS,
      '-out',
      file(`${name}.pem`),
    );
  const signed = (name: string, subject: string, ext: string) => {
    key(name);
    openssl(
      'req',
      '-new',
      '-key',
      file(`${name}.key`),
      '-subj',
      subject,
      '-out',
      file(`${name}.csr`),
    );
    fs.writeFileSync(file(`${name}.ext`), ext);
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      DAYS,
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.pem`),
    );
  };
  key('ca');
  selfSigned('ca', '/CN=sss local Temporal CA');
  signed(
    'server',
    `/CN=${TEMPORAL_SERVER_NAME}`,
    `subjectAltName=DNS:${TEMPORAL_SERVER_NAME},DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n`,
  );
  signed('client', '/CN=sss-app', 'extendedKeyUsage=clientAuth\n');
  key('stranger');
  selfSigned('stranger', '/CN=stranger');
  return made;
}

/** Our processes' settings (libs/config) for mTLS to the cluster's frontend. */
export function clientTlsSettings(certs: ClusterCertificates): Record<string, string> {
  return {
    TEMPORAL_TLS_SERVER_CA_FILE: certs.ca,
    TEMPORAL_TLS_SERVER_NAME: TEMPORAL_SERVER_NAME,
    TEMPORAL_TLS_CLIENT_CERT_FILE: certs.client.cert,
    TEMPORAL_TLS_CLIENT_KEY_FILE: certs.client.key,
  };
}
