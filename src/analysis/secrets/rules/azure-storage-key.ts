/** azure-storage-key: Azure storage account keys in connection strings (stowage). */
import type { SecretRule } from '../rule.js';

/** azureStorageKey finds `AccountKey=…` in Azure connection strings. */
export const azureStorageKey: SecretRule = {
  id: 'azure-storage-key',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'An Azure storage account key (connection string) is stored in the image.',
  keywords: ['accountkey='],
  pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/gi,
  fix: 'Use a managed identity or inject the connection string at run time.',
};
