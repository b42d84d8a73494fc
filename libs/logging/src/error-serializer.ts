/**
 * What a log shows of an error: its kind, message, code and stack, never its other properties.
 * A failed query's error carries the statement's parameters (TypeORM's `parameters`, the driver's
 * `detail`), which are case data; spreading an error into a log line would print them.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
    ...(error.cause !== undefined ? { cause: serializeError(error.cause) } : {}),
  };
}

/** Pino serializers for the keys errors are logged under, here and by the Temporal SDK. */
export const ERROR_SERIALIZERS = { err: serializeError, error: serializeError };
