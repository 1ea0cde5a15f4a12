// The one thing the offscreen document takes from Genesys's WebRTC SDK: its client class.
export { GenesysCloudWebrtcSdk } from 'genesys-cloud-webrtc-sdk';
