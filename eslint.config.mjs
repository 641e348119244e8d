import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      'release/**',
      'test/fixtures/bundles/**',
      'test-results/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // shared/ is pure: it runs in the renderer, the CLI and tests alike.
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ must not depend on electron.' },
            { name: 'fs', message: 'shared/ must not touch the file system.' },
            { name: 'fs/promises', message: 'shared/ must not touch the file system.' },
          ],
          patterns: [{ group: ['node:*'], message: 'shared/ must not import node: modules.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs', 'bin/**'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
