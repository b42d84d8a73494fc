import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { TsconfigPathsPlugin } from 'tsconfig-paths-webpack-plugin';
import { releasedDefinitions } from '@sss/definitions';
import { SHIPPED_DEFINITIONS_GLOBAL } from '@sss/workflows/process/shipped-definitions';

/** The workflow entry point, as source in development and tests, as compiled JS in a build. */
export const workflowsPath = require.resolve(path.join(__dirname, '../../workflows/src/index'));

/**
 * The released definitions, validated and expanded as the registry pins them, each with its
 * content hash and its JSON (parsed once per workflow thread, shared by the runs pinned to it).
 * A run pinned by hash finds its definitions here, so they are not copied into every history.
 */
function shippedDefinitions(): string {
  const shipped = releasedDefinitions().shipped();
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(shipped).map(([key, { hash, definition }]) => [
        key,
        { hash, json: JSON.stringify(definition) },
      ]),
    ),
  );
}

/** The DefinePlugin of the webpack Temporal's bundler runs (its own copy, not ours). */
function definePlugin(definitions: Record<string, string>) {
  // Not a dependency of ours: the plugin must come from the webpack that runs the bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require(
    require.resolve('webpack', { paths: [require.resolve('@temporalio/worker')] }),
  ) as { DefinePlugin: new (d: Record<string, string>) => object };
  return new webpack.DefinePlugin(definitions);
}

/**
 * From TypeScript source the `@sss/*` path aliases must be resolved by the bundler (compiled
 * output already has them rewritten to relative paths); either way the bundle ships the
 * released definitions.
 */
const webpackConfigHook: BundleOptions['webpackConfigHook'] = (config) => {
  config.resolve = config.resolve ?? {};
  if (workflowsPath.endsWith('.ts')) {
    const configFile = path.join(__dirname, '../../../tsconfig.base.json');
    config.resolve.plugins = [
      ...(config.resolve.plugins ?? []),
      new TsconfigPathsPlugin({ configFile }),
    ];
  }
  config.plugins = [
    ...(config.plugins ?? []),
    definePlugin({ [SHIPPED_DEFINITIONS_GLOBAL]: shippedDefinitions() }) as never,
  ];
  return config;
};

/**
 * Libraries evaluated once per worker thread instead of once per workflow instance (the SDK
 * shares and freezes their exports). Without this a third of an activation went into evaluating
 * them again, the holiday table and the schema library above all, and every instance built its
 * own time-zone formatter; and each cached run held its own copy of the domain library's modules,
 * a third of its memory (docs/benchmarks.md, "What a cached run holds"). Only pure libraries
 * belong here: no state a workflow could change.
 */
const PRELOADED = [
  require.resolve(path.join(__dirname, '../../workflows/src/sandbox-stack-limit')),
  require.resolve(path.join(__dirname, '../../domain/src/index')),
  require.resolve(path.join(__dirname, '../../workflows/src/process/shipped-definitions')),
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

/**
 * The workflow interceptors every bundle carries, traced or not, so the code a history replays
 * against does not depend on configuration (spans go nowhere unless tracing is configured).
 */
export const workflowInterceptorModules = [
  require.resolve(path.join(__dirname, '../../workflows/src/tracing-interceptors')),
];
