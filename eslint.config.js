// ESLint over the project's own code: src/ and test/ (TypeScript), with the scripts and benches.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layers of src/, top to bottom (README, "Development"): a module imports its own layer and those
// below it, never one above. A layer is a folder or a file (named without extension) under src/.
const LAYERS = [
  ['index', 'rule-tester'], // the library's entry points
  ['cli'],
  ['lsp'],
  ['format'],
  ['run'],
  ['scaffold'],
  ['config'],
  ['lint'],
  ['checklist'],
  ['runtime', 'io'],
  ['errors', 'suggest'], // shared by every layer
];
const SRC = fileURLToPath(new URL('./src/', import.meta.url));

/** The layer of a file under src/ and its rank (0 = top), or undefined outside src/. */
function layerOf(file) {
  const path = relative(SRC, file);
  if (path.startsWith('..') || path === '') return undefined;
  const name = path.split(sep)[0].replace(/\.[cm]?[jt]s$/, '');
  return { name, rank: LAYERS.findIndex((group) => group.includes(name)) };
}

const layersRule = {
  meta: { type: 'problem', docs: { description: 'A module of src/ imports only its own layer and the layers below it.' }, schema: [] },
  create(context) {
    const here = layerOf(context.filename);
    if (!here) return {};
    const order = LAYERS.map((group) => group.join(' and ')).join(' → ');
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const there = layerOf(resolve(dirname(context.filename), specifier));
      if (there && there.rank >= 0 && there.rank < here.rank) {
        context.report({ node, message: `${here.name} imports ${specifier}, from ${there.name}, a layer above it (top to bottom: ${order}). Move what it needs down.` });
      }
    };
    return {
      Program(node) {
        if (here.rank < 0) context.report({ node, message: `src/${here.name} is in no layer: add it to LAYERS in eslint.config.js (and the README's list).` });
      },
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
      TSImportType: (node) => check(node, (node.source ?? node.argument?.literal)?.value), // source from typescript-eslint 8.x
    };
  },
};

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
  { files: ['src/**/*.ts'], plugins: { mlsd: { rules: { layers: layersRule } } }, rules: { 'mlsd/layers': 'error' } },
  {
    // Tests read loosely typed JSON (reports, SARIF logs) as they come, and look for ANSI escapes.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-control-regex': 'off' },
  },
);
