/**
 * How a household name is compared in a search: Unicode NFKC (full-width letters and digits,
 * half-width katakana fold to their usual forms) and no blanks of either width, so that
 * `腰越 太郎` with a full-width blank and `腰越太郎` match, as a coordinator typing either would expect.
 */
export function searchableName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** The name as a LIKE pattern that matches it anywhere, its wildcards taken literally. */
export function containsPattern(name: string): string {
  return `%${searchableName(name).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
