import type { INestApplicationContext } from '@nestjs/common';
import { ApiKeyStore, isRole, PG_POOL, ROLES, type ApiKeyRecord, type Role } from '@ledgerline/platform';
import { InvalidArgumentError, type Command } from 'commander';
import type { Pool } from 'pg';
import type { WithApp } from './with-app';

type Write = (line: string) => void;

async function keyStore(app: INestApplicationContext): Promise<ApiKeyStore> {
  const store = new ApiKeyStore(app.get<Pool>(PG_POOL));
  await store.setup();
  return store;
}

const role = (value: string, previous: Role[] = []): Role[] => {
  if (!isRole(value)) throw new InvalidArgumentError(`--role must be one of ${ROLES.join(', ')}; got "${value}"`);
  return previous.includes(value) ? previous : [...previous, value];
};

const futureDate = (value: string): Date => {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`--expires must be a date (2027-01-01) or date-time; got "${value}"`);
  }
  if (date.getTime() <= Date.now()) throw new InvalidArgumentError(`--expires must be in the future; got "${value}"`);
  return date;
};

const describeKey = (key: ApiKeyRecord): string =>
  [
    key.id.padEnd(16),
    JSON.stringify(key.name),
    `roles ${key.roles.join(',')}`,
    `created ${key.createdAt}`,
    `last used ${key.lastUsedAt ?? 'never'}`,
    `expires ${key.expiresAt ?? 'never'}`,
    ...(key.revokedAt ? [`REVOKED ${key.revokedAt}`] : []),
  ].join('  ');

export async function createApiKey(
  app: INestApplicationContext,
  options: { name: string; role: Role[]; expires?: Date },
  write: Write,
): Promise<void> {
  const key = await (await keyStore(app)).create({ name: options.name, roles: options.role, expiresAt: options.expires });
  write(describeKey(key));
  write('');
  write(`Secret (shown this once; only its hash is kept): ${key.secret}`);
  write(`Send it as: Authorization: Bearer ${key.secret}`);
}

export async function listApiKeys(app: INestApplicationContext, write: Write): Promise<void> {
  const keys = await (await keyStore(app)).list();
  if (keys.length === 0) write('No API keys.');
  keys.forEach((key) => write(describeKey(key)));
}

export async function revokeApiKey(app: INestApplicationContext, id: string, write: Write): Promise<void> {
  const key = await (await keyStore(app)).revoke(id);
  if (!key) throw new Error(`There is no API key ${id}.`);
  write(describeKey(key));
}

/** `api-keys create | list | revoke`: credentials for systems (docs/security.md). */
export function registerApiKeyCommands(program: Command, withApp: WithApp, write: Write = (line) => console.log(line)): void {
  const apiKeys = program.command('api-keys').description('API keys for systems (ERP, billing, BI): the secret is shown once');
  apiKeys
    .command('create')
    .description('Create a key and print its secret once')
    .requiredOption('--name <name>', 'who or what uses it, e.g. "ERP prod"')
    .requiredOption('--role <role>', `${ROLES.join(' | ')}; repeat for several`, role)
    .option('--expires <date>', 'refused after this date or date-time, e.g. 2027-01-01', futureDate)
    .action((options: { name: string; role: Role[]; expires?: Date }) => withApp((app) => createApiKey(app, options, write)));
  apiKeys
    .command('list')
    .description('Every key: id, name, roles, created, last used, expiry, revocation (never a secret)')
    .action(() => withApp((app) => listApiKeys(app, write)));
  apiKeys
    .command('revoke')
    .description('Revoke a key: refused from the next request on')
    .argument('<id>', 'the key id (llk_<id>_…)')
    .action((id: string) => withApp((app) => revokeApiKey(app, id, write)));
}
