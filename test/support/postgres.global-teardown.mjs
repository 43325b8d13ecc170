import { rmSync } from 'node:fs';

export default async function stopPostgres() {
  const started = globalThis.__LEDGERLINE_PG__;
  if (!started) return;
  await started.pg.stop();
  rmSync(started.parent, { recursive: true, force: true });
}
