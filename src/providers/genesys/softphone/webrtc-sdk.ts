import type { GenesysCloudWebrtcSdk, ISdkConfig } from 'genesys-cloud-webrtc-sdk';

/**
 * What Offhook uses of Genesys's WebRTC SDK (`genesys-cloud-webrtc-sdk`): its documented
 * methods and events, typed with the SDK's own types. The connector ({@link GenesysWebrtcPhone})
 * sees only this; in the offscreen document it is the real SDK (loadWebrtcSdk), in the unit
 * tests a fake of it.
 */
export type WebrtcSdk = Pick<
  GenesysCloudWebrtcSdk,
  | 'station'
  | 'initialize'
  | 'on'
  | 'acceptPendingSession'
  | 'rejectPendingSession'
  | 'acceptSession'
  | 'setAccessToken'
  | 'destroy'
>;

/** The options Offhook gives it: only the softphone, no telemetry, no headsets, and sessions
 * accepted by Offhook (with the chosen microphone and speaker), not by the SDK. */
export type WebrtcSdkConfig = Pick<
  ISdkConfig,
  'accessToken' | 'environment' | 'allowedSessionTypes' | 'optOutOfTelemetry' | 'logLevel' | 'autoConnectSessions' | 'useHeadsets'
>;

export type MakeWebrtcSdk = (config: WebrtcSdkConfig) => WebrtcSdk;

/** The file the build writes Genesys's SDK to (scripts/genesys-webrtc/bundle.ts). */
export const WEBRTC_SDK_FILE = '/genesys-webrtc.js';

/** The real SDK, imported on first use (0.3 MB gzip: only a Genesys account that makes Offhook
 * its phone loads it). */
export async function loadWebrtcSdk(url: string): Promise<MakeWebrtcSdk> {
  const module = (await import(/* @vite-ignore */ url)) as { GenesysCloudWebrtcSdk: new (config: WebrtcSdkConfig) => WebrtcSdk };
  return (config) => new module.GenesysCloudWebrtcSdk(config);
}
