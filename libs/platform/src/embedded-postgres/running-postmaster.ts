import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export type RunningPostmaster = Readonly<{ pid: number; port: number; orphaned: boolean }>;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const readProc = (pid: number, file: string): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The PostgreSQL that holds a data directory, read from its postmaster.pid. A pid that now belongs
 * to another program (reuse after a reboot) is a stale lock file, removed, never signalled.
 * Orphaned: its parent died (a SIGKILLed Ledgerline), so nobody will stop it.
 */
export function runningPostmaster(databaseDir: string, log: (message: string) => void): RunningPostmaster | undefined {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const commandLine = readProc(pid, 'cmdline')?.split('\0') ?? [];
  if (commandLine.length > 0 && !(commandLine[0].endsWith('postgres') && commandLine.includes(databaseDir))) {
    log(`Removing a stale ${pidFile}: pid ${pid} is another program now`);
    rmSync(pidFile);
    return undefined;
  }
  // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so count from its closing parenthesis.
  const stat = readProc(pid, 'stat') ?? '';
  const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return { pid, port, orphaned: parent === 1 };
}

export async function stopPostmaster(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`PostgreSQL pid ${pid} did not stop; stop it by hand`);
    await sleep(100);
  }
}
