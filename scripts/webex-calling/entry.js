// The one thing the offscreen document takes from Cisco's SDK: the Calling wrapper of the
// `webex` package (Webex core, device registration, Mercury) with `@webex/calling` inside it.
// The package is CommonJS with `exports.default`; imported from an ES module (this project's
// "type": "module") its default import is the whole `exports`.
import calling from 'webex/calling';

export const Calling = calling.default ?? calling;
