import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface ServingCertificate {
  cert: string;
  key: string;
}

/**
 * The cluster's serving certificate when none is given: self-signed (it is its own CA, shipped in
 * the kubeconfig as certificate-authority-data), generated once into `<dataDir>/tls/` and reused,
 * so kubeconfigs written earlier keep working across restarts. Regenerated if it does not cover
 * the host or is about to expire.
 */
export async function selfSignedCertificate(dataDir: string, host: string): Promise<ServingCertificate> {
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key');
  const names = subjectNames(host);
  try {
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    const x509 = new X509Certificate(cert);
    const covers = names.every((n) => (isIP(n) ? x509.checkIP(n) : x509.checkHost(n)) !== undefined);
    if (covers && Date.parse(x509.validTo) > Date.now() + 30 * 86_400_000) return { cert, key };
  } catch {
    // Missing or unreadable: make a new one.
  }
  const generated = await generate(names);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, generated.key, { mode: 0o600 });
  writeFileSync(certFile, generated.cert, { mode: 0o644 });
  return generated;
}

function subjectNames(host: string): string[] {
  const names = new Set(['127.0.0.1', '::1', 'localhost']);
  if (host === '0.0.0.0' || host === '::') names.add(hostname());
  else if (host) names.add(host);
  return [...names];
}

async function generate(names: string[]): Promise<ServingCertificate> {
  // Loaded only when a certificate is made (once per data dir), not on every start.
  const { default: forge } = await import('node-forge');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = `01${Date.now().toString(16)}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const subject = [
    { name: 'commonName', value: 'capstan-cluster' },
    { name: 'organizationName', value: 'capstan' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })),
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keyPem };
}
