import type { Response } from 'express';
import { RequestValidationFailed } from './validation';

/** A record's ETag is its stream revision, as a strong entity tag: "3". */
export const etagOf = (revision: number): string => `"${revision}"`;

export function setEtag(response: Response, revision: number | undefined): void {
  if (revision !== undefined) response.setHeader('ETag', etagOf(revision));
}

/** Undefined when absent; `*` means "any existing revision" and is treated as absent. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*"?(\d{1,15})"?\s*$/.exec(header);
  if (!match)
    throw new RequestValidationFailed([{ field: 'If-Match', messages: ['If-Match must be an ETag from a previous response, e.g. "3"'] }]);
  return Number(match[1]);
}
