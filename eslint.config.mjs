// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.tools', '.data', 'coverage', 'eslint.config.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.js'],
    languageOptions: {
      globals: { module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: it may import only the workflow SDK,
    // the pure domain library and its own modules, never anything that does I/O.
    files: ['libs/workflows/src/**/*.ts'],
    ignores: ['libs/workflows/src/**/*.spec.ts', 'libs/workflows/src/bundle-options.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(?!@temporalio/workflow$|@temporalio/common$|@sss/domain(/.*)?$|\\.{1,2}/).*',
              message:
                'Workflow code may import only @temporalio/workflow, @sss/domain and local modules.',
            },
          ],
        },
      ],
      // Time and randomness come from Temporal (sleep, condition, workflowInfo, uuid4).
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random' },
        { object: 'Date', property: 'now' },
      ],
    },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(?!\\.{1,2}/|date-fns$|@date-fns/tz$|tinyduration$|json-logic-js$|microdiff$|@holiday-jp/holiday_jp$|@sinclair/typebox$|ajv/dist/2020$).*',
              message: 'The domain library is pure: only local modules and pure libraries.',
            },
          ],
        },
      ],
    },
  },
);
