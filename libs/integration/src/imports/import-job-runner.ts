import { Transform, type TransformCallback } from 'node:stream';
import type { ImportBatch, LineResult } from './import-batch';
import type { ImportJob, ImportJobStore } from './import-job.store';
import { sourceLines, type SourceLine } from './import-source';

/** Lines per batch: one claim read, one customer read, two appendMany and one checkpoint for this many lines. */
export const IMPORT_BATCH_LINES = 1_000;

export type ImportProgress = Readonly<{ job: ImportJob; settled: readonly LineResult[] }>;

export type RunOptions = Readonly<{
  onProgress?: (progress: ImportProgress) => void;
  /** Aborted: the job stops after its current batch and is left for the next runner (a shutdown). */
  stopping?: AbortSignal;
  now?: () => Date;
}>;

/** Counts the bytes the parser has consumed, for the ETA. */
class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

/**
 * Runs one leased job from its checkpoint to its end: the file streamed from the store and parsed line by line,
 * batches written and checkpointed in turn (a crash repeats at most one batch, whose lines then change nothing), a
 * cancellation honoured between batches. Memory holds one chunk of the file and one batch, whatever the file's size.
 */
export class ImportJobRunner {
  constructor(
    private readonly store: ImportJobStore,
    private readonly batch: ImportBatch,
    readonly owner: string,
    private readonly batchLines = IMPORT_BATCH_LINES,
  ) {}

  async run(job: ImportJob, { onProgress, stopping, now = () => new Date() }: RunOptions = {}): Promise<ImportJob> {
    const counter = new ByteCounter();
    const lines = sourceLines(job.format, this.store.file(job.id).pipe(counter), job.mapping ?? undefined);
    let pending: SourceLine[] = [];
    const flush = async (): Promise<'go-on' | 'stop'> => {
      const settled = await this.batch.process({ jobId: job.id, kind: job.kind, actor: job.actor, now: now() }, pending);
      pending = [];
      const { held, cancelRequested } = await this.store.checkpoint(job.id, this.owner, settled, counter.bytes);
      if (!held) return 'stop';
      const current = await this.store.get(job.id);
      if (current) onProgress?.({ job: current, settled });
      if (cancelRequested) {
        await this.store.finish(job.id, this.owner, 'cancelled');
        return 'stop';
      }
      if (!stopping?.aborted) return 'go-on';
      await this.store.release(job.id, this.owner);
      return 'stop';
    };
    try {
      for await (const line of lines) {
        if (line.line <= job.checkpointLine) continue;
        pending.push(line);
        if (pending.length >= this.batchLines && (await flush()) === 'stop') return this.current(job);
      }
      if (pending.length > 0 && (await flush()) === 'stop') return this.current(job);
      await this.store.finish(job.id, this.owner, 'completed');
      return this.current(job);
    } finally {
      await lines.return(undefined);
    }
  }

  private async current(job: ImportJob): Promise<ImportJob> {
    return (await this.store.get(job.id)) ?? job;
  }
}
