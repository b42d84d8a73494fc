/**
 * The activities service tasks may name. The worker registers each of them (a test checks), and
 * the registry refuses a definition that names any other.
 */
export const PROCESS_ACTIVITIES: readonly string[] = [];
