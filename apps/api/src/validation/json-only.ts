import type { NextFunction, Request, Response } from 'express';

/** `application/json`, or a `+json` type, with any parameters (charset). */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
/** The one form a browser posts without script: the codec's sign-in page (codec.controller.ts). */
const FORM_POSTS = new Set(['/v1/codec/session']);

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Every body the API takes is JSON, but the codec sign-in's form. A form-encoded or text body
 * would otherwise be parsed into strings the DTOs never expected (or not at all): it is refused
 * with 415 before anything reads it.
 */
export function refuseNonJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const type = req.headers['content-type'] ?? '';
  const form = FORM_TYPE.test(type) && FORM_POSTS.has(req.originalUrl.split('?')[0]);
  if (hasBody(req) && !JSON_TYPE.test(type) && !form) {
    res.status(415).json({
      statusCode: 415,
      message: 'the body must be JSON (content-type: application/json)',
      error: 'Unsupported Media Type',
    });
    return;
  }
  next();
}
