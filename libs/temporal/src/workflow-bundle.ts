import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { TsconfigPathsPlugin } from 'tsconfig-paths-webpack-plugin';

/** The workflow entry point, as source in development and tests, as compiled JS in a build. */
export const workflowsPath = require.resolve(path.join(__dirname, '../../workflows/src/index'));

/**
 * From TypeScript source the `@sss/*` path aliases must be resolved by the bundler; compiled
 * output already has them rewritten to relative paths, so it needs no hook.
 */
const webpackConfigHook: BundleOptions['webpackConfigHook'] = workflowsPath.endsWith('.ts')
  ? (config) => {
      const configFile = path.join(__dirname, '../../../tsconfig.base.json');
      config.resolve = config.resolve ?? {};
      config.resolve.plugins = [
        ...(config.resolve.plugins ?? []),
        new TsconfigPathsPlugin({ configFile }),
      ];
      return config;
    }
  : undefined;

/**
 * Libraries evaluated once per worker thread instead of once per workflow instance (the SDK
 * shares and freezes their exports). Without this a third of an activation went into evaluating
 * them again, the holiday table and the schema library above all, and every instance built its
 * own time-zone formatter. Only pure libraries belong here: no state a workflow could change.
 */
const PRELOADED = [
  require.resolve(path.join(__dirname, '../../workflows/src/sandbox-stack-limit')),
  '@holiday-jp/holiday_jp',
  '@sinclair/typebox',
  '@date-fns/tz',
  'date-fns',
  'json-logic-js',
  'microdiff',
  'tinyduration',
];

/**
 * What the bundler needs besides the entry point. The definition validator's schema library
 * comes in with the domain library but never runs in a workflow (definitions are validated
 * before they are pinned), so it stays out of the bundle every workflow context evaluates.
 */
export const bundlerOptions: Pick<
  BundleOptions,
  'webpackConfigHook' | 'ignoreModules' | 'preloadModules'
> = {
  webpackConfigHook,
  ignoreModules: ['ajv'],
  preloadModules: PRELOADED,
};
