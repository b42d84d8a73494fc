import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../paths';

const BIN = path.join(REPO_ROOT, '.tools/go/bin');
const BUILD = path.join(__dirname, 'build-binaries.sh');

/** Temporal's server, its SQL schema tool and its Web UI server, built by build-binaries.sh. */
export const CLUSTER_BIN = {
  server: path.join(BIN, 'temporal-server'),
  sqlTool: path.join(BIN, 'temporal-sql-tool'),
  uiServer: path.join(BIN, 'temporal-ui-server'),
};

/**
 * Builds the pinned binaries when missing or of another version (minutes, once; then cached in
 * .tools/go). `make setup TEMPORAL=cluster` runs the same script ahead of time.
 */
export function ensureClusterBinaries(): void {
  execFileSync('bash', [BUILD], { stdio: ['ignore', 'inherit', 'inherit'] });
}
