import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

/** A private CA with a certificate for the frontend and two for clients, made with openssl. */
export function makeCertificates(dir: string, serverName: string) {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
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
  key('ca');
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    file('ca.key'),
    '-subj',
    '/CN=sss test CA',
    '-days',
    '1',
    '-out',
    file('ca.pem'),
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
      '1',
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.pem`),
    );
  };
  signed(
    'server',
    `/CN=${serverName}`,
    `subjectAltName=DNS:${serverName}\nextendedKeyUsage=serverAuth\n`,
  );
  signed('client', '/CN=sss-worker', 'extendedKeyUsage=clientAuth\n');
  // A client certificate no trusted CA signed.
  key('stranger');
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    file('stranger.key'),
    '-subj',
    '/CN=stranger',
    '-days',
    '1',
    '-out',
    file('stranger.pem'),
  );
  return file;
}

/**
 * Terminates mTLS in front of the dev server (which has no TLS of its own), as a frontend with
 * `requireClientAuth` would: a client without a certificate the CA signed gets no connection.
 */
export async function startMtlsProxy(file: (name: string) => string, target: string) {
  const [host, port] = target.split(':');
  const server = tls.createServer(
    {
      key: fs.readFileSync(file('server.key')),
      cert: fs.readFileSync(file('server.pem')),
      ca: fs.readFileSync(file('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket) => {
      const upstream = net.connect(Number(port), host);
      socket.pipe(upstream).pipe(socket);
      const close = () => (socket.destroy(), upstream.destroy());
      socket.on('error', close);
      upstream.on('error', close);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { address, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
