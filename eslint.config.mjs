import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '**/*.mjs', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false, emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'Focused tests never land.' },
        {
          selector: "CallExpression[callee.property.name='skip']",
          message: 'Skipped tests prove nothing; skip a suite only behind a printed notice for a missing external service.',
        },
      ],
    },
  },
  {
    // The domain is pure: no framework, no driver, no other layer.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', '@eventstore/*', '@kurrent/*', 'express', '@ledgerline/*', 'node:*'],
              message: 'libs/domain stays free of frameworks, drivers and I/O.',
            },
          ],
        },
      ],
    },
  },
);
