// ESLint over the project's own code: src/ and test/ (TypeScript), with the scripts and benches.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'bench/.corpus/', 'node_modules/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // import() of anything but a relative module (which esbuild bundles) fails in the code-cached
      // CLI bundle (see src/runtime/import-module.ts): such modules load through importModule() there.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression:not([source.type='Literal'][source.value=/^\\.\\.?\\//])",
          message: 'Load a module on demand with importModule() from src/runtime/import-module.ts, the one loader that works in the code-cached bundle.',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  { files: ['src/runtime/import-module.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    // Tests read loosely typed JSON (reports, SARIF logs) as they come, and look for ANSI escapes.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-control-regex': 'off' },
  },
);
