/**
 * Names of files that hold credentials: private keys, certificates' keys, package-registry tokens,
 * cloud and SSH configuration directories.
 */
import picomatch from 'picomatch';
import { basename } from './command-line.js';

const SECRET_GLOBS = [
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '.git-credentials',
  '.dockercfg',
  'credentials',
  'credentials.json',
  '.env',
  '.ssh',
  '.aws',
  '.gnupg',
  '.kube',
  'kubeconfig',
];

const isSecretName = picomatch(SECRET_GLOBS, { dot: true });

/** isSecretFile is true when a path's last component names a credential file or directory. */
export function isSecretFile(path: string): boolean {
  return isSecretName(basename(path));
}
