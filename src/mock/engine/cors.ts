import type { EngineRequest, EngineResponse } from './exchange.ts';

/** API routes are open to other origins (a web app calls the mock); control routes never are. */
export function withCors(response: EngineResponse): EngineResponse {
  response.headers['access-control-allow-origin'] = '*';
  response.headers['access-control-expose-headers'] = '*';
  return response;
}

/** The answer to a CORS preflight of an API route. */
export function preflight(request: EngineRequest): EngineResponse {
  return {
    status: 204,
    headers: {
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': request.header('access-control-request-headers') ?? '*',
      'access-control-max-age': '600',
    },
    body: undefined,
  };
}
