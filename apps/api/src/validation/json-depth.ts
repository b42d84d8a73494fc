/** No request body of the API nests deeper; a deeper one is refused before it is parsed. */
export const MAX_JSON_DEPTH = 16;

/**
 * Whether raw JSON text nests arrays and objects deeper than `max`, found by one pass over the
 * bytes (brackets inside strings do not count), so a body nested 10,000 deep never reaches a
 * recursive parser, transformer or validator.
 */
export function nestsDeeperThan(json: Buffer, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The body parser's `verify` hook: a 400 the error filter answers as such. */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  if (nestsDeeperThan(body)) {
    throw Object.assign(new Error(`the body nests deeper than ${MAX_JSON_DEPTH} levels`), {
      status: 400,
      expose: true,
    });
  }
}
