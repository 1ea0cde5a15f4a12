import { UserAgent, Web, type RegistererOptions, type UserAgentDelegate, type UserAgentOptions } from 'sip.js';
import { addressOfRecord, type Account } from '../../../shared/account/account';
import { t } from '../../../shared/i18n/t';
import { sipLogConnector } from './sip-log';
import { cutIceGatheringShort } from './ice-gathering-cutoff';
import { earlyOfferHandlerFactory } from './early-offer';

/** sip.js options for an account. ICE servers are always explicit: sip.js's default STUN
 * server is on the internet, and an empty list is a valid choice (host candidates only). */
export function userAgentOptions(
  account: Account,
  microphone: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | undefined,
  delegate: UserAgentDelegate,
): UserAgentOptions {
  const uri = UserAgent.makeURI(`sip:${addressOfRecord(account)}`);
  if (!uri) throw new Error(t('callErrorInvalidSipAddress', addressOfRecord(account)));
  const sessionDescriptionHandlers = earlyOfferHandlerFactory(microphone);
  return {
    uri,
    displayName: account.displayName || undefined,
    authorizationUsername: account.authUsername || account.username,
    ...(account.ha1 ? { authorizationHa1: account.ha1 } : { authorizationPassword: account.password }),
    transportOptions: {
      server: account.server,
      connectionTimeout: 5,
      // Whole SIP messages would go to the console, credentials included.
      traceSip: false,
    },
    // Reconnection is ours (the coordinator's view stays consistent); sip.js's gives up.
    reconnectionAttempts: 0,
    logBuiltinEnabled: false,
    logConnector: sipLogConnector,
    logLevel: 'warn',
    userAgentString: 'Offhook',
    // A first offer is made while the microphone opens (early-offer), and each call's offer or
    // answer goes out once its candidates are enough (ice-gathering-cutoff).
    sessionDescriptionHandlerFactory: (session, options) => {
      const sdh = sessionDescriptionHandlers(session, options) as Web.SessionDescriptionHandler;
      cutIceGatheringShort(sdh, account.iceServers);
      return sdh;
    },
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: account.iceServers.map((s) => ({ ...s })) },
      iceGatheringTimeout: 1000,
    },
    delegate,
  };
}

/** Renew at 80 % of what the PBX granted (sip.js's default is 99 %): a refresh delayed by a
 * busy machine, a digest challenge or a slow PBX still lands before the binding lapses, even
 * when the PBX grants only a few seconds. */
export const REGISTRATION_REFRESH_PERCENT = 80;

export function registererOptions(account: Account): RegistererOptions {
  return { expires: account.expires, refreshFrequency: REGISTRATION_REFRESH_PERCENT };
}
