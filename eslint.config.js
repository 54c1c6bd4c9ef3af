// ESLint: typescript-eslint (type-aware) plus the module boundaries of DESIGN.md, enforced by
// eslint-plugin-boundaries. `npm run lint` also runs Prettier in check mode.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Which module may import which (DESIGN.md, "Modules"). A module is a folder under src/ whose
 * index.ts is its only public face; controllers/argocd and controllers/flux are modules of their
 * own so that they can never import each other.
 */
export const MODULE_RULES = {
  core: [],
  kube: ['core'],
  cluster: ['core', 'kube'],
  source: ['core'],
  render: ['core', 'kube', 'source'],
  engine: ['core', 'kube'],
  controllers: ['core', 'kube', 'source', 'render', 'engine'],
  'controllers-argocd': ['core', 'kube', 'source', 'render', 'engine', 'controllers'],
  'controllers-flux': ['core', 'kube', 'source', 'render', 'engine', 'controllers'],
  server: ['core', 'kube', 'controllers', 'controllers-argocd', 'controllers-flux'],
  cli: ['core', 'server', 'app'],
  app: [
    'core',
    'kube',
    'cluster',
    'source',
    'render',
    'engine',
    'controllers',
    'controllers-argocd',
    'controllers-flux',
    'server',
  ],
};

const elements = [
  { type: 'controllers-argocd', pattern: 'src/controllers/argocd' },
  { type: 'controllers-flux', pattern: 'src/controllers/flux' },
  ...Object.keys(MODULE_RULES)
    .filter((m) => !m.startsWith('controllers-'))
    .map((m) => ({ type: m, pattern: `src/${m}` })),
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'ui/dist/**', 'tmp/**', 'data/**', 'test/fixtures/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      // Type stripping: no enums, namespaces or parameter properties (tsc's erasableSyntaxOnly).
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'use a union type' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['src/**/*.ts'],
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message:
            '{{from.type}} may not import {{dependency.source}}: another module is imported only ' +
            'through its index.ts, and only in the directions DESIGN.md allows',
          policies: Object.entries(MODULE_RULES).flatMap(([from, to]) => [
            { from: { element: { type: from } }, allow: { to: { element: { type: from } } } },
            ...(to.length === 0
              ? []
              : [
                  {
                    from: { element: { type: from } },
                    allow: { to: { element: { types: { anyOf: to }, fileInternalPath: 'index.ts' } } },
                  },
                ]),
          ]),
        },
      ],
    },
  },
  {
    // The web UI: browser code checked against ui/tsconfig.json, its Node side (Vite config, dev
    // fixture, unit tests) against ui/tsconfig.node.json; React's hooks rules on both. (One
    // `project` string per block: ESLint's config merge turns a `project` array into an object.)
    files: ['ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: globals.browser,
      parserOptions: {
        projectService: false,
        project: 'ui/tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['ui/vite.config.ts', 'ui/dev/**/*.ts', 'ui/**/*.test.ts'],
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: false,
        project: 'ui/tsconfig.node.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['ui/public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
