import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

/** What a client should wait before it retries a request that met an outage. */
export const RETRY_AFTER_SECONDS = 5;

export type Store = 'PostgreSQL' | 'Temporal';

/** gRPC status codes of a Temporal frontend that is down or did not answer in time. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
/** Socket errors of a store that is down or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
/**
 * PostgreSQL's own words for "not now": class 08 (connection exception), 57P01-57P03 (shut down,
 * crashed, starting up) and 53300 (too many connections).
 */
const PG_UNAVAILABLE = /^(08|57P0[123]$|53300$)/;
/** node-postgres's pool and client say so in messages only. */
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/** Raised where the API itself finds a store not answering in time. */
export class StoreUnavailable extends Error {
  constructor(
    readonly store: Store,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Which store an error says is unavailable (down, unreachable, not answering in time), or
 * undefined for any other error. Such a request is worth retrying as it was: the API answers 503.
 */
export function unavailableStore(error: unknown): Store | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof StoreUnavailable) return e.store;
    // An update no worker took up within the server's wait (none polls, or all are down).
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'Temporal';
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (e instanceof ServiceError || isGrpcError(e)) {
      if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return 'Temporal';
    }
    // node-postgres's DatabaseError (it has a severity), bare while connecting, in a
    // QueryFailedError's driverError after.
    if (typeof code === 'string' && 'severity' in (e as object) && PG_UNAVAILABLE.test(code)) {
      return 'PostgreSQL';
    }
    // Temporal's socket errors come wrapped in gRPC's UNAVAILABLE; a bare one is node-postgres's.
    if (typeof code === 'string' && SOCKET_CODES.has(code)) return 'PostgreSQL';
    if (typeof message === 'string' && PG_MESSAGES.test(message)) return 'PostgreSQL';
    e = (e as { cause?: unknown }).cause ?? (e as { driverError?: unknown }).driverError;
  }
  return undefined;
}

function isGrpcError(e: unknown): boolean {
  return typeof (e as { code?: unknown }).code === 'number' && 'metadata' in (e as object);
}
