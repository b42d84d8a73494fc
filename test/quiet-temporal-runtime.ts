import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

/**
 * Tests provoke failures on purpose (failing activities, stopped workers); the SDK's own logs of
 * them are noise, so tests print only the SDK's errors.
 */
let installed = false;

export function quietTemporalRuntime(): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
}
