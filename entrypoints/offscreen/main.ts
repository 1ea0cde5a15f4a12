import { startSoftphone } from '../../src/providers/sip/softphone/main';
import { serveWebexPhone } from '../../src/providers/webex/softphone/serve';

// The SIP softphone, and Offhook as the Webex phone (Cisco's SDK, loaded only when used).
startSoftphone(document);
serveWebexPhone(document);
