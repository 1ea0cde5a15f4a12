import type { TestProject } from 'vitest/node';
import { buildExtensionFor } from '../../e2e/support/global-setup';

/** The real-input suite tests the production build: nothing a person does may need the e2e
 * build's hook (src/coordinator/e2e-hooks.ts), so it is not there. */
export default function setup(project: TestProject): () => void {
  return buildExtensionFor(project, 'production');
}
