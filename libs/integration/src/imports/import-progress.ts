import type { ImportJob } from './import-job.store';

/** What GET /v1/imports/:id answers: counts, and for a running job the rate and the time left. */
export type ImportView = Readonly<{
  id: string;
  kind: ImportJob['kind'];
  format: ImportJob['format'];
  status: ImportJob['status'];
  linesRead: number;
  applied: number;
  unchanged: number;
  rejected: number;
  bytes: number;
  bytesRead: number;
  /** Lines per second since the job started. */
  linesPerSecond: number | null;
  /** From the share of the file read so far; null until the job has read something. */
  etaSeconds: number | null;
  cancelRequested: boolean;
  failure: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}>;

export function importView(job: ImportJob, now = new Date()): ImportView {
  const end = job.finishedAt ?? now;
  const seconds = job.startedAt ? Math.max((end.getTime() - job.startedAt.getTime()) / 1000, 0.001) : undefined;
  const running = job.status === 'running';
  const eta =
    running && seconds !== undefined && job.bytesRead > 0
      ? Math.ceil(((job.bytes - job.bytesRead) / job.bytesRead) * seconds)
      : job.status === 'completed'
        ? 0
        : null;
  return {
    id: job.id,
    kind: job.kind,
    format: job.format,
    status: job.status,
    linesRead: job.linesRead,
    applied: job.applied,
    unchanged: job.unchanged,
    rejected: job.rejected,
    bytes: job.bytes,
    bytesRead: job.bytesRead,
    linesPerSecond: seconds === undefined ? null : Math.round(job.linesRead / seconds),
    etaSeconds: eta,
    cancelRequested: job.cancelRequested,
    failure: job.failure,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
