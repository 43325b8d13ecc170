/** RFC 9457 problem details, the body of every error answer. */
export type ProblemDetails = Readonly<{
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Stable machine-readable reason, e.g. "deal-closed", "validation-failed". */
  code: string;
  [extension: string]: unknown;
}>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: string): string => `urn:ledgerline:problem:${code}`;

export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  return { type: problemType(code), title, status, detail, code, ...extensions };
}
