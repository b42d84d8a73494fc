import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The 4xx answers that come from the HTTP surface itself, not from one route, added to every
 * operation they can happen on so the spec lists what the API really answers: 401 where a token
 * is needed (and 403, the access policy's refusal), 400 where there is input (on /v1, a URL), 413 and 415 where there is a body, 404 where a path names a row,
 * 429 and 431 everywhere (the rate limit; Node's HTTP server refuses a request line and headers
 * over 16 KB before any route, as a long query string can be). Answers a route adds itself
 * (404, 409) are declared on it.
 */
export function declareErrorAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) declare(op, path.startsWith('/v1/'));
    }
  }
  return document;
}

function declare(op: Operation, api: boolean): void {
  const answers: Record<string, string> = {};
  const params = op.parameters ?? [];
  if (op.security?.length) {
    answers['401'] = 'No valid bearer token (one message for every cause)';
    answers['403'] = "The caller's roles do not allow it";
  }
  // Every /v1 URL holding a control character is a 400, whatever its parameters.
  if (params.length || op.requestBody || api) {
    answers['400'] = 'Invalid input; the message names the field (nothing was changed)';
  }
  if (op.requestBody) {
    answers['413'] = 'The body is larger than the API takes';
    answers['415'] = 'The body is not JSON (content-type: application/json)';
  }
  if (params.some((p) => 'in' in p && p.in === 'path' && p.name === 'id')) {
    answers['404'] = 'No such record, or one the caller may not know of (the same answer)';
  }
  answers['429'] = 'Too many requests from this caller (all routes count); see Retry-After';
  answers['431'] = 'The URL and headers are larger than the server takes (16 KB); nothing was read';
  for (const [status, description] of Object.entries(answers)) {
    op.responses[status] ??= { description };
  }
}
