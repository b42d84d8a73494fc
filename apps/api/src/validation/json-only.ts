import type { NextFunction, Request, Response } from 'express';

/** `application/json`, or a `+json` type, with any parameters (charset). */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Every body the API takes is JSON. A form-encoded or text body would otherwise be parsed into
 * strings the DTOs never expected (or not at all): it is refused with 415 before anything reads it.
 */
export function refuseNonJsonBodies(req: Request, res: Response, next: NextFunction): void {
  if (hasBody(req) && !JSON_TYPE.test(req.headers['content-type'] ?? '')) {
    res.status(415).json({
      statusCode: 415,
      message: 'the body must be JSON (content-type: application/json)',
      error: 'Unsupported Media Type',
    });
    return;
  }
  next();
}
