import { parseLogRange } from '@ledgerline/application';
import { PUBLIC_TOPICS, type ReplayRange } from '@ledgerline/integration';

/** A replay's arguments that cannot be carried out, said in the terms of the command line. */
export class InvalidReplayArguments extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReplayArguments';
  }
}

export type ReplayRequest = Readonly<{ topic: string; range: ReplayRange }>;

export function parseReplayArguments(options: Readonly<{ from: string; to?: string; topic: string }>): ReplayRequest {
  if (!PUBLIC_TOPICS.includes(options.topic)) {
    throw new InvalidReplayArguments(`--topic: "${options.topic}" is no topic of the log; one of ${PUBLIC_TOPICS.join(', ')}`);
  }
  const { from, to } = parseLogRange({ from: options.from, to: options.to }, '--');
  return { topic: options.topic, range: { from: from ?? { position: 0n }, to } };
}
