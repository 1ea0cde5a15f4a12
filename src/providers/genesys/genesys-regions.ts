/**
 * Genesys Cloud's regions, by the host name every one of its URLs is built from
 * (https://login.<host>, https://api.<host>), as purecloud-platform-client-v2 lists them
 * (PureCloudRegionHosts), with where each is, for the person choosing.
 */
export const GENESYS_REGIONS: readonly { host: string; place: string }[] = [
  { host: 'mypurecloud.com', place: 'Americas (US East)' },
  { host: 'usw2.pure.cloud', place: 'Americas (US West)' },
  { host: 'use2.us-gov-pure.cloud', place: 'Americas (US East 2, FedRAMP)' },
  { host: 'cac1.pure.cloud', place: 'Americas (Canada)' },
  { host: 'sae1.pure.cloud', place: 'Americas (São Paulo)' },
  { host: 'mxc1.pure.cloud', place: 'Americas (Mexico)' },
  { host: 'mypurecloud.ie', place: 'EMEA (Dublin)' },
  { host: 'euw2.pure.cloud', place: 'EMEA (London)' },
  { host: 'mypurecloud.de', place: 'EMEA (Frankfurt)' },
  { host: 'euc2.pure.cloud', place: 'EMEA (Zurich)' },
  { host: 'edee1.eusc-pure.cloud', place: 'EMEA (EU Sovereign Cloud)' },
  { host: 'mec1.pure.cloud', place: 'EMEA (UAE)' },
  { host: 'aps1.pure.cloud', place: 'Asia Pacific (Mumbai)' },
  { host: 'mypurecloud.jp', place: 'Asia Pacific (Tokyo)' },
  { host: 'apne3.pure.cloud', place: 'Asia Pacific (Osaka)' },
  { host: 'apne2.pure.cloud', place: 'Asia Pacific (Seoul)' },
  { host: 'apse1.pure.cloud', place: 'Asia Pacific (Singapore)' },
  { host: 'mypurecloud.com.au', place: 'Asia Pacific (Sydney)' },
];

export function isGenesysRegion(host: string): boolean {
  return GENESYS_REGIONS.some((r) => r.host === host);
}
