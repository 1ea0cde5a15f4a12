import { startSoftphone } from '../../src/providers/sip/softphone/main';
import { serveWebexPhone } from '../../src/providers/webex/softphone/serve';
import { serveGenesysPhone } from '../../src/providers/genesys/softphone/serve';

// The SIP softphone, and Offhook as the Webex or Genesys phone (their SDKs, loaded only when used).
startSoftphone(document);
serveWebexPhone(document);
serveGenesysPhone(document);
