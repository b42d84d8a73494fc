import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = proto.temporal.api.history.v1.IHistory;

/**
 * Reads a history in the JSON form of the Temporal CLI (`temporal workflow show --output json`)
 * and the Web UI's download. The SDK's `historyFromJSON` cannot here: its protobufjs is another
 * copy than the one the proto types are built with, so it refuses them ("type must be a Type");
 * the JSON reader of the proto package's own copy accepts them.
 */
export function historyFromCliJson(json: unknown): History {
  const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fromJson } = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] }));
  const historyType = (
    patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }
  ).lookupType('temporal.api.history.v1.History');
  const history = fromJson(historyType, json, { ignoreUnknownFields: true }) as History | null;
  if (!history?.events) throw new TypeError('not a workflow history');
  return history;
}
