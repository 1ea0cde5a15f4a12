import { startCoordinator } from '../src/coordinator/main';

export default defineBackground({
  type: 'module',
  main() {
    startCoordinator();
  },
});
