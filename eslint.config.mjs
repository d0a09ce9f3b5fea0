import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

// Code that must stay pure: deciders, events, rules. No framework, database or broker client.
const frameworkImports = [
  '@nestjs/*',
  'mongoose',
  'kafkajs',
  'pg',
  '@kurrent/*',
  '@eventstore/*',
  'express',
  'class-validator',
  'class-transformer',
];

// Which project may import which, by tags (nrwl/nx-examples): domain code stays pure, a service
// never imports another. `forTests` adds what specs, test fixtures and benchmarks may also import:
// the testing helpers and the workspace tools (seeded random, the fuzzer, durability probe).
const moduleBoundaries = (forTests = false) => {
  const constraints = [
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:org', onlyDependOnLibsWithTags: ['scope:org', 'scope:shared'] },
    { sourceTag: 'scope:goals', onlyDependOnLibsWithTags: ['scope:goals', 'scope:shared'] },
    { sourceTag: 'scope:checkins', onlyDependOnLibsWithTags: ['scope:checkins', 'scope:shared'] },
    {
      sourceTag: 'scope:recognition',
      onlyDependOnLibsWithTags: ['scope:recognition', 'scope:shared'],
    },
    { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
    { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
    // The console is a browser bundle: it may share the public contracts' types, nothing else;
    // its browser tests and benchmark run in Node and start the services as the other tests do.
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: forTests
        ? ['type:kernel', 'type:contracts', 'type:adapter', 'type:testing', 'type:tooling']
        : ['type:contracts'],
    },
    {
      sourceTag: 'type:kernel',
      onlyDependOnLibsWithTags: ['type:kernel'],
      bannedExternalImports: frameworkImports,
    },
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: ['type:kernel'],
      bannedExternalImports: frameworkImports,
    },
    {
      sourceTag: 'type:contracts',
      onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts'],
      bannedExternalImports: frameworkImports,
    },
    {
      sourceTag: 'type:adapter',
      onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:adapter'],
    },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:adapter', 'type:testing'],
    },
    {
      sourceTag: 'type:service',
      onlyDependOnLibsWithTags: [
        'type:kernel',
        'type:contracts',
        'type:adapter',
        'type:testing',
        'type:domain',
      ],
    },
  ];
  const testOnly = ['type:testing', 'type:tooling'];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      ...constraints.map((constraint) =>
        forTests && constraint.onlyDependOnLibsWithTags.some((tag) => tag.startsWith('type:'))
          ? {
              ...constraint,
              onlyDependOnLibsWithTags: [
                ...new Set([...constraint.onlyDependOnLibsWithTags, ...testOnly]),
              ],
            }
          : constraint,
      ),
      {
        sourceTag: 'type:tooling',
        onlyDependOnLibsWithTags: [
          'type:kernel',
          'type:contracts',
          'type:adapter',
          'type:testing',
          'type:tooling',
        ],
      },
    ],
  };
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '.local/**',
      '.nx/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries()],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      'no-console': 'error',
    },
  },
  {
    // Test files: jest's expect(...) patterns trip these type-aware rules without finding bugs.
    files: ['**/*.spec.ts', '**/testing/**/*.ts', '**/bench/**/*.ts', '**/e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(true)],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
  {
    // The console: React's rules of hooks.
    files: ['services/console/**/*.tsx', 'services/console/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['services/console/**/*.spec.tsx', 'services/console/src/testing/**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(true)],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
  prettier,
);
