/**
 * The fewest digits a national number has in each region, from libphonenumber's possible
 * lengths ('min' metadata, which the engine ships), for regions where that is 6 or more; every
 * other region (and none) counts as 5, the digit pre-filter's own least. The content script's
 * loader uses it to leave the engine unloaded on pages whose digit runs are too short to be a
 * number where the page is (a view count, a bug number, "20 000 m²"), without carrying the
 * metadata. national-lengths.test.ts checks the table against the metadata, so an update of
 * libphonenumber-js that changes a length fails there.
 */
const BY_LENGTH: Readonly<Record<number, string>> = {
  6: 'AD AL BD BG BY CC CU CX FO GL IT MM NC NF PF PH PL PM PY RO RS SE SK SO SR VA WF',
  7: 'AW BN BQ BT BW BZ CA CD CN CV CW EE ER FJ FM GA GB GG GM GW GY HR ID IE IL IO IS KE KM KW LB LI LR MH MO MU MV MW NR OM PA PG PW QA SC ST SV TL TR TW VN YE ZW',
  8: 'AM BA BE BF BH BI BO BR CF CM CO CR CY DJ DK DZ EC EG GH GI GN GT HN HT HU IN IQ JO JP KH KP LA LS LT LV MC MD ME MK ML MN MR MT MY MZ NA NE NI NP PE PK PS RW SG SL SM SY SZ TD TG TH TM TN XK',
  9: 'AF AO AZ BL CG CH CL CZ EH ES ET FR GE GF GP GQ KG LK LY MA MF MG MQ PT RE SA SD SN SS TJ TZ UA UG UZ YT ZM',
  10: 'AG AI AR AS BB BJ BM BS CI DM DO GD GR GU IM JE JM KN KY KZ LC MP MS MX NG PR RU SX TC TT US VC VE VG VI',

};

const FEWEST = new Map<string, number>();
for (const [length, regions] of Object.entries(BY_LENGTH)) for (const r of regions.split(' ')) FEWEST.set(r, Number(length));

/** The least number of digits a run needs to be a national number of `region`. */
export function fewestNationalDigits(region: string | undefined): number {
  return (region && FEWEST.get(region)) || 5;
}
