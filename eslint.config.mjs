// ESLint (flat config): Next's rules (React, React hooks, accessibility, Core Web Vitals), then
// typescript-eslint with type information, then Prettier's switch-offs: layout is Prettier's job
// (`npm run format`), and lint speaks only about what the code does.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.next/**', '.next-*/**', 'data/**', 'dist/**', 'test-results/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTypescript,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A `switch` over a union names every case; `default: return x satisfies never` keeps it so.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Handlers may be async; React and Node ignore what they return, and a rejection is caught inside.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Tests read the JSON a real server answers and then assert on it: the assertion is the check,
    // so `any` from a reply is allowed there (never in the app, where every reply is parsed by schema).
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // `useRealServer()` and friends register vitest hooks; they are not React hooks.
      'react-hooks/rules-of-hooks': 'off',
      // Test doubles implement async interfaces (a page handler) without waiting for anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  prettier,
);
