import { startSoftphone } from '../../src/providers/sip/softphone/main';

startSoftphone(document);
