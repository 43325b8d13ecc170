import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ExecuteCustomerCommand,
  ExecuteDealCommand,
  ExecuteInteractionCommand,
  stamp,
  type Actor,
  type CommandContext,
} from '@ledgerline/application';
import type { CustomerCommand } from '@ledgerline/domain';
import { randomUUID } from 'node:crypto';
import { planDemoData, type SeedStep } from '../seed/demo-plan';
import { progressLine } from '../progress/progress-bar';

export const SEED_ACTOR: Actor = { type: 'system', id: 'seed', name: 'Demo data', roles: [], authMethod: 'internal' };

export type SeedOptions = Readonly<{ customers: number; seed: number; concurrency: number; end?: Date }>;

const PROGRESS_EVERY_MS = 500;

/** The same seed and step give the same key, so the command side recognises a re-run's commands as applied. */
const contextOf = (step: SeedStep, seed: number): CommandContext => ({
  actor: SEED_ACTOR,
  correlationId: randomUUID(),
  causationId: randomUUID(),
  idempotencyKey: `seed-${seed}-${step.key}`,
  source: 'cli:seed',
  now: step.now,
});

function commandOf(step: SeedStep, context: CommandContext) {
  switch (step.kind) {
    case 'customer':
      return new ExecuteCustomerCommand(stamp<CustomerCommand>(step.command, context), context);
    case 'deal':
      return new ExecuteDealCommand(step.command, context);
    case 'interaction':
      return new ExecuteInteractionCommand(step.command, context);
  }
}

/**
 * Runs steps in their order, up to `concurrency` at once, each after the previous step of its family
 * (a customer with its deals and interactions), which it may depend on.
 */
export async function runInFamilyOrder(
  steps: readonly SeedStep[],
  concurrency: number,
  run: (step: SeedStep) => Promise<unknown>,
): Promise<void> {
  const last = new Map<number, Promise<unknown>>();
  const running = new Set<Promise<unknown>>();
  let failure: unknown;
  for (const step of steps) {
    while (running.size >= concurrency) await Promise.race(running);
    if (failure !== undefined) break;
    const task = (last.get(step.family) ?? Promise.resolve()).then(() => run(step));
    const tracked = task.then(
      () => undefined,
      (error: unknown) => void (failure ??= error),
    );
    last.set(step.family, task);
    running.add(tracked);
    void tracked.finally(() => {
      running.delete(tracked);
      if (last.get(step.family) === task) last.delete(step.family);
    });
  }
  await Promise.all(running);
  if (failure !== undefined) throw failure;
}

/** `cli seed`: two years of demo activity written through the command side, as a client would. */
export async function seedDemoData(
  app: INestApplicationContext,
  options: SeedOptions,
  terminal: NodeJS.WritableStream & { isTTY?: boolean },
) {
  const steps = planDemoData({ seed: options.seed, customers: options.customers, end: options.end ?? new Date() });
  const bus = app.get(CommandBus);
  const progress = { done: 0, total: steps.length, startedAt: new Date() };
  let appended = 0;
  let shown = 0;
  const show = (force = false) => {
    if (!force && Date.now() - shown < PROGRESS_EVERY_MS) return;
    shown = Date.now();
    const line = progressLine('seed', progress).replace('events', 'commands').replace('ev/s', 'cmd/s');
    terminal.write(terminal.isTTY ? `\r${line}` : `${line}\n`);
  };
  await runInFamilyOrder(steps, options.concurrency, async (step) => {
    const outcome: { appended: number } = await bus.execute(commandOf(step, contextOf(step, options.seed)));
    appended += outcome.appended;
    progress.done += 1;
    show();
  });
  show(true);
  terminal.write(terminal.isTTY ? '\n' : '');
  return { commands: steps.length, appended };
}
