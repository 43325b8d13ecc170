import type { AdminKeyBootstrap } from '@ledgerline/platform';

export const ADMIN_KEY_BOOTSTRAP = Symbol.for('ledgerline.admin-key-bootstrap');

/** Said once on the console (not in the logs) where the admin key is and how to use it; the secret only when it was just made. */
export function announceAdminKey(bootstrap: AdminKeyBootstrap, port: number, print: (text: string) => void = console.log): void {
  if (bootstrap.source !== 'file') return;
  const curl = `curl -H "Authorization: Bearer $(cat ${bootstrap.file})" http://localhost:${port}/v1/customers`;
  print(
    bootstrap.generatedSecret
      ? [
          '',
          `Admin API key (shown once; kept in ${bootstrap.file}, readable by you only):`,
          '',
          `  ${bootstrap.generatedSecret}`,
          '',
          `Use it: ${curl}`,
          'Give systems and people their own keys: POST /v1/admin/api-keys or `npm run cli -- api-keys create` (docs/security.md).',
          '',
        ].join('\n')
      : `Admin API key in ${bootstrap.file}; use it: ${curl}`,
  );
}
