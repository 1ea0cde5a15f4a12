/** What one frame tells the popup about its numbers, over a port named PAGE_PORT. */
export const PAGE_PORT = 'offhook-page';

export interface PageNumber {
  tel: string;
  text: string;
  formatted: string;
  kind: string;
}

export interface PageReport {
  top: boolean;
  hostname: string;
  /** The frame's own address, so reports from several frames can be told apart. */
  url: string;
  numbers: PageNumber[];
}
