import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Metrics } from './metrics';

/** The route template ("/v1/customers/:id"), never the URL: one series per route, not per record. */
const routeOf = (request: Request): string => {
  const path: unknown = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
};

/** Times every answered request, including those a guard, a filter or the body parser answered. */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const stopTimer = metrics.httpDuration.startTimer();
    response.once('finish', () => stopTimer({ method: request.method, route: routeOf(request), status: String(response.statusCode) }));
    next();
  };
}
