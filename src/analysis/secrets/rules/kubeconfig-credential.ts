/** kubeconfig-credential: client keys, tokens and passwords in kubeconfig files (stowage). */
import { PLACEHOLDER, type SecretRule } from '../rule.js';

/** kubeconfigCredential finds client-key-data, token and password values of a kubeconfig. */
export const kubeconfigCredential: SecretRule = {
  id: 'kubeconfig-credential',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'A kubeconfig with cluster credentials is stored in the image.',
  keywords: ['client-key-data', 'token', 'password'],
  path: /(?:^|\/)(?:\.kube\/config|kubeconfig[\w.-]*|[\w.-]*\.kubeconfig)$/,
  pattern: /^\s*(?:client-key-data|token|password)\s*:\s*["']?([^\s"']{8,})/gm,
  allow: [PLACEHOLDER],
  fix: 'Use in-cluster service-account credentials or mount the kubeconfig at run time.',
};
