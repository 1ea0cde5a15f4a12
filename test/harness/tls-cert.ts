// A throwaway self-signed certificate for a harness server: an EC P-256 key and a certificate
// (2 days) whose subjectAltName lists the given DNS names and IP addresses, written to a fresh
// temporary folder. spkiHash is what Chromium's --ignore-certificate-errors-spki-list takes.
import { execFile } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface SelfSignedCert {
  /** PEM of the private key */
  key: string;
  certPem: string;
  /** A file holding certPem (for NODE_EXTRA_CA_CERTS and the like). */
  certPath: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo */
  spkiHash: string;
  /** The temporary folder holding the files; remove() deletes it. */
  dir: string;
  remove(): Promise<void>;
}

export async function makeSelfSignedCert(opts: { commonName: string; dnsNames?: string[]; ipAddresses?: string[]; prefix?: string }): Promise<SelfSignedCert> {
  const dir = await mkdtemp(path.join(os.tmpdir(), opts.prefix ?? 'harness-cert-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const keyPath = path.join(dir, 'key.pem');
    const certPath = path.join(dir, 'cert.pem');
    const san = [...(opts.dnsNames ?? []).map((n) => `DNS:${n}`), ...(opts.ipAddresses ?? []).map((a) => `IP:${a}`)].join(',');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', `/CN=${opts.commonName}`, ...(san ? ['-addext', `subjectAltName=${san}`] : []), '-days', '2',
      '-keyout', keyPath, '-out', certPath,
    ]);
    const [key, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    const spkiHash = createHash('sha256').update(spki).digest('base64');
    return { key, certPem, certPath, spkiHash, dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
