import { startSoftphone } from '../../src/softphone/main';

startSoftphone(document);
