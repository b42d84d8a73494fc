import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { TsconfigPathsPlugin } from 'tsconfig-paths-webpack-plugin';

/** The workflow entry point, as source in development and tests, as compiled JS in a build. */
export const workflowsPath = require.resolve(path.join(__dirname, '../../workflows/src/index'));

/**
 * How the worker bundles workflow code. From TypeScript source the `@sss/*` path aliases must be
 * resolved by the bundler; compiled output already has them rewritten to relative paths.
 */
export function workflowBundleOptions(): Pick<
  BundleOptions,
  'workflowsPath' | 'webpackConfigHook'
> {
  if (!workflowsPath.endsWith('.ts')) return { workflowsPath };
  const configFile = path.join(__dirname, '../../../tsconfig.base.json');
  return {
    workflowsPath,
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.plugins = [
        ...(config.resolve.plugins ?? []),
        new TsconfigPathsPlugin({ configFile }),
      ];
      return config;
    },
  };
}
