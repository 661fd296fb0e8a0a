import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layers } from './tools/lint/layers.mjs';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'test/artifacts/', 'tools/ferretdb/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // STYLE.md "Imports only point down": which layer may import which (tools/lint/layers.mjs).
  { files: ['**/*.ts'], plugins: { layers }, rules: { 'layers/imports-point-down': 'error' } },
  { files: ['bot/index.ts', 'tools/**', 'bench/**', 'test/support/**'], rules: { 'no-console': 'off' } },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { globals: { module: 'writable', require: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
