import type { INestApplicationContext } from '@nestjs/common';
import { cliContext } from '../testing/cli-context';
import { ApiKeyStore, PG_POOL } from '@ledgerline/platform';
import { Command } from 'commander';
import type { Pool } from 'pg';
import { createTestDatabase } from '@ledgerline/testing';
import { registerApiKeyCommands } from './api-keys.command';

describe('cli api-keys', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplicationContext;
  let output: string[];

  const run = async (...args: string[]) => {
    output = [];
    const program = new Command().exitOverride();
    registerApiKeyCommands(
      program,
      (action) => action(app),
      (line) => output.push(line),
    );
    await program.parseAsync(args, { from: 'user' });
    return output.join('\n');
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await cliContext(database.url);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('creates a key and shows its secret once, lists it without, and revokes it', async () => {
    const created = await run(
      'api-keys',
      'create',
      '--name',
      'ERP prod',
      '--role',
      'integration',
      '--role',
      'sales',
      '--expires',
      '2099-01-01',
    );
    const secret = /Secret \(shown this once; only its hash is kept\): (llk_\w+_[\w-]+)/.exec(created)?.[1] as string;
    const id = secret.split('_')[1];
    expect(created).toMatch(/roles integration,sales .* expires 2099-01-01T00:00:00.000Z/);
    const store = new ApiKeyStore(app.get<Pool>(PG_POOL));
    expect(await store.authenticate(secret)).toMatchObject({ kind: 'authenticated', principal: { id, roles: ['integration', 'sales'] } });

    const listed = await run('api-keys', 'list');
    expect(listed).toContain(`${id}  "ERP prod"`);
    expect(listed).not.toContain(secret.slice(-43));

    expect(await run('api-keys', 'revoke', id)).toMatch(/REVOKED/);
    expect(await store.authenticate(secret)).toMatchObject({ kind: 'rejected' });
    await expect(run('api-keys', 'revoke', 'nope')).rejects.toThrow('There is no API key nope.');
  });

  it.each([
    [['--name', 'x', '--role', 'root'], /--role must be one of admin, sales, integration, analyst, auditor/],
    [['--name', 'x', '--role', 'sales', '--expires', '2001-01-01'], /--expires must be in the future/],
    [['--name', 'x', '--role', 'sales', '--expires', 'tomorrow'], /--expires must be a date/],
    [['--name', 'x'], /--role/],
  ])('refuses %j', async (args, message) => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    registerApiKeyCommands(
      program,
      (action) => action(app),
      () => undefined,
    );
    await expect(program.parseAsync(['api-keys', 'create', ...args], { from: 'user' })).rejects.toThrow(message);
  });
});
