import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/** Recorded histories, one folder per definition version, replayed in CI to prove determinism. */
export const HISTORY_FIXTURES = path.resolve(__dirname, '../../../test/fixtures/histories');

/**
 * With RECORD_HISTORIES=1 (`npm run record-histories`), a scenario's history is written as a
 * fixture. Fixtures of released versions are never re-recorded: they are the proof that old
 * histories still replay.
 */
export async function recordHistory(handle: WorkflowHandle, definition: string, scenario: string) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const file = path.join(HISTORY_FIXTURES, definition, `${scenario}.json`);
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const history = (await handle.fetchHistory()) as temporal.api.history.v1.History;
  // The workflow id is kept: child workflow ids derive from it, and replay compares them.
  const json = { workflowId: handle.workflowId, ...History.toObject(history, JSON_FORM) };
  fs.writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
}

const History = temporal.api.history.v1.History;
/** protobufjs's own JSON form: enums by name, 64-bit ids as strings, bytes as base64. */
const JSON_FORM = { longs: String, enums: String, bytes: String };

/** Every recorded history, by definition version. */
export function loadHistoryFixtures(): {
  definition: string;
  scenario: string;
  /** Absent in fixtures recorded before child workflows were used. */
  workflowId?: string;
  history: temporal.api.history.v1.IHistory;
}[] {
  if (!fs.existsSync(HISTORY_FIXTURES)) return [];
  return fs.readdirSync(HISTORY_FIXTURES).flatMap((definition) =>
    fs.readdirSync(path.join(HISTORY_FIXTURES, definition)).map((file) => {
      const { workflowId, ...json } = JSON.parse(
        fs.readFileSync(path.join(HISTORY_FIXTURES, definition, file), 'utf8'),
      );
      return {
        definition,
        scenario: file.replace(/\.json$/, ''),
        workflowId,
        history: History.fromObject(json),
      };
    }),
  );
}
