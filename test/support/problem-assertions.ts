import type { Response } from 'supertest';

/** The answer is an RFC 9457 problem with this status and code. */
export function expectProblem(response: Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, type: `urn:ledgerline:problem:${code}` });
}
