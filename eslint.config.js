import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The architecture is enforced here: contexts never import each other, shared code imports
// no context, and sip.js is imported only by the softphone.
const contexts = ['content', 'coordinator', 'softphone', 'faces'];
const otherContexts = (self) =>
  contexts.filter((c) => c !== self).map((c) => ({ group: [`**/${c}/**`, `../${c}/*`, `../../${c}/*`], message: `${self} must not import ${c}; talk through messages.` }));
const sipOnlyInSoftphone = { group: ['sip.js', 'sip.js/*'], message: 'sip.js is used only in src/softphone.' };

export default tseslint.config(
  { ignores: ['.output/**', '.output-e2e/**', '.output-soak/**', 'bench/.cache/**', 'bench/results/**', '.wxt/**', 'node_modules/**', 'demo-output/**', 'test/harness/party/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  ...contexts.map((self) => ({
    files: [`src/${self}/**/*.{ts,tsx}`],
    ignores: self === 'softphone' ? [] : [],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...otherContexts(self), ...(self === 'softphone' ? [] : [sipOnlyInSoftphone])] },
      ],
    },
  })),
  {
    files: ['src/shared/**/*.{ts,tsx}', 'src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: contexts.map((c) => `**/${c}/**`), message: 'Shared code imports no context.' },
            sipOnlyInSoftphone,
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['entrypoints/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sipOnlyInSoftphone] }] },
  },
);
