import { createHash } from 'node:crypto';
import { applyDecorators, BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** What a cursor is bound to: the listing, the caller and the filters it was given for. */
export interface CursorScope {
  listing: string;
  municipality: string;
  actorId: string;
  /** The filters that shape the listing (not the cursor or the page's own limit). */
  filters: Record<string, unknown>;
}

/** A cursor's form: base64url, within what a query string holds. */
export const CURSOR_FORM = /^[A-Za-z0-9_-]{1,4000}$/;
export const CURSOR_REFUSED =
  'cursor must be the nextCursor of an earlier page of this same listing, for the same caller and filters';

/** The optional `cursor` query parameter of a paged listing; `from` says where it is given. */
export function PageCursor(from: string) {
  return applyDecorators(
    ApiPropertyOptional({
      maxLength: 4000,
      description: `${from} of the previous page, as given (opaque; bound to the caller and the filters)`,
    }),
    IsOptional(),
    Matches(CURSOR_FORM, { message: CURSOR_REFUSED }),
  );
}

function fingerprint(scope: CursorScope): string {
  const filters = Object.keys(scope.filters)
    .sort()
    .map((k) => [k, scope.filters[k] ?? null]);
  return createHash('sha256')
    .update(JSON.stringify([scope.listing, scope.municipality, scope.actorId, filters]))
    .digest('base64url')
    .slice(0, 22);
}

/**
 * The cursor of the page after this one: where the page ended (the visibility store's page
 * token, or a listing's own key) with the scope's fingerprint. The token only ever continues a query that is rebuilt from the caller's token
 * (their municipality always one of its clauses), so a forged one can reach nothing else; the
 * fingerprint makes one given to someone else, or for other filters, a 400 rather than a page.
 */
export function encodeCursor(scope: CursorScope, token: Uint8Array): string {
  return Buffer.from(
    JSON.stringify({ s: fingerprint(scope), t: Buffer.from(token).toString('base64') }),
  ).toString('base64url');
}

/** The page token a cursor carries, or a 400 naming `cursor` when it is not this scope's. */
export function decodeCursor(
  cursor: string | undefined,
  scope: CursorScope,
): Uint8Array | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestException(CURSOR_REFUSED);
  }
  const { s, t } = (parsed ?? {}) as { s?: unknown; t?: unknown };
  if (s !== fingerprint(scope) || typeof t !== 'string' || !/^[A-Za-z0-9+/]+=*$/.test(t)) {
    throw new BadRequestException(CURSOR_REFUSED);
  }
  return Buffer.from(t, 'base64');
}
