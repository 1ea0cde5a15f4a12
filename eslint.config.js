import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The architecture is enforced here: contexts never import each other, shared code imports
// no context, providers do not import each other, and sip.js is imported only by the SIP
// provider's softphone.
const contexts = ['content', 'coordinator', 'softphone', 'faces'];
/** Where a context's code lives: the softphone is the SIP provider's offscreen half. */
const folderOf = (c) => (c === 'softphone' ? 'src/providers/*/softphone' : `src/${c}`);
const otherContexts = (self) =>
  contexts.filter((c) => c !== self).map((c) => ({ group: [`**/${c}/**`, `../${c}/*`, `../../${c}/*`], message: `${self} must not import ${c}; talk through messages.` }));
const sipOnlyInSoftphone = { group: ['sip.js', 'sip.js/*'], message: 'sip.js is used only in src/providers/sip/softphone.' };
const providers = ['sip', 'wazo', 'genesys'];

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
    files: [`${folderOf(self)}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...otherContexts(self), ...(self === 'softphone' ? [] : [sipOnlyInSoftphone])] },
      ],
    },
  })),
  // A provider's other code (its account, its line, its dial plan) is no context: it may
  // not reach into a context, nor into another provider.
  ...providers.map((self) => ({
    files: [`src/providers/${self}/**/*.{ts,tsx}`],
    ignores: [`src/providers/${self}/softphone/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: contexts.map((c) => `**/${c}/**`), message: 'A provider imports no context.' },
            ...providers.filter((p) => p !== self).map((p) => ({ group: [`**/providers/${p}/**`], message: `providers/${self} must not import providers/${p}.` })),
            sipOnlyInSoftphone,
          ],
        },
      ],
    },
  })),
  {
    files: ['src/shared/**/*.{ts,tsx}', 'src/detection/**/*.ts', 'src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: contexts.map((c) => `**/${c}/**`), message: 'Shared code imports no context.' },
            { group: ['**/providers/**'], message: 'Shared code imports no provider.' },
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
