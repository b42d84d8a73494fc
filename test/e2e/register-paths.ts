// Jest applies moduleNameMapper to test files but not to its global setup; this lets the setup
// (and the tools it starts servers with) resolve the `@sss/*` aliases of tsconfig.base.json.
import path from 'node:path';
import { register } from 'tsconfig-paths';
import base from '../../tsconfig.base.json';

register({ baseUrl: path.resolve(__dirname, '../..'), paths: base.compilerOptions.paths });
