/**
 * Where a national-format number on a page belongs, from what the page and the browser say:
 * the `lang` of the text, the page's country-code domain, the browser's UI locale. Pure tables,
 * no phone metadata, so the options page can use it without the detection engine.
 */

/** ISO 3166-1 alpha-2, officially assigned. */
const ISO_REGIONS = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
    'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ' +
    'ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE ' +
    'IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
    'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU ' +
    'NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
    'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE ' +
    'VG VI VN VU WF WS YE YT ZA ZM ZW XK'
  ).split(' '),
);

/** Region subtags people write that are not ISO codes. */
const REGION_ALIASES: Readonly<Record<string, string>> = { UK: 'GB' };

function isoRegion(code: string): string | undefined {
  const upper = code.toUpperCase();
  const region = REGION_ALIASES[upper] ?? upper;
  return ISO_REGIONS.has(region) ? region : undefined;
}

const LANGUAGE = /^[a-z]{2,3}$/i;
const EXTLANG = /^[a-z]{3}$/i;
const SCRIPT = /^[a-z]{4}$/i;
const REGION = /^(?:[a-z]{2}|\d{3})$/i;

interface LanguageTag {
  language: string;
  script?: string;
  /** Two letters or three digits (UN M.49, e.g. 419 Latin America), as written. */
  region?: string;
}

/** The language, script and region subtags of a BCP 47 tag (or a POSIX-style `pt_BR`). */
function parseLanguageTag(tag: string): LanguageTag | undefined {
  const subtags = tag.trim().split(/[-_]/);
  const language = subtags[0] ?? '';
  if (!LANGUAGE.test(language)) return undefined;
  let k = 1;
  while (k < subtags.length && k <= 3 && EXTLANG.test(subtags[k]!) && !REGION.test(subtags[k]!)) k++;
  const parsed: LanguageTag = { language: language.toLowerCase() };
  if (k < subtags.length && SCRIPT.test(subtags[k]!)) parsed.script = subtags[k++]!.toLowerCase();
  if (k < subtags.length && REGION.test(subtags[k]!)) parsed.region = subtags[k]!;
  return parsed;
}

/** The `lang` values read so far and their regions: a page has a few, asked for once per
 * block (2,000 times on a directory of 2,000 rows, each parse a split and five tests). */
const langRegions = new Map<string, string | undefined>();
const LANG_CACHE_LIMIT = 64;

/** 'de-DE' → 'DE', 'zh-Hant-TW' → 'TW'; a tag without a region subtag says nothing. */
export function regionFromLang(lang: string | null | undefined): string | undefined {
  if (!lang) return undefined;
  if (langRegions.has(lang)) return langRegions.get(lang);
  const tag = parseLanguageTag(lang)?.region;
  const region = tag && /^[a-z]{2}$/i.test(tag) ? isoRegion(tag) : undefined;
  if (langRegions.size >= LANG_CACHE_LIMIT) langRegions.clear();
  langRegions.set(lang, region);
  return region;
}

/**
 * Country-code domains that are sold and used as generic names (.io for tech, .tv for video,
 * .me for personal pages, .ai, .co, .fm …): they say nothing about where a page is.
 */
const GENERIC_CCTLDS = new Set(
  'ac ad ai am as bz cc cd cf co cx dj fm ga gg gl gq gy im io la ly me ml ms nu pw sh so st tk to tv vc vg ws'.split(' '),
);

/** Internationalised country-code domains, as the punycode `location.hostname` gives them. */
const IDN_CCTLDS: Readonly<Record<string, string>> = {
  'xn--p1ai': 'RU', 'рф': 'RU', 'xn--fiqs8s': 'CN', 'xn--fiqz9s': 'CN', 'xn--j6w193g': 'HK',
  'xn--kprw13d': 'TW', 'xn--kpry57d': 'TW', 'xn--3e0b707e': 'KR', 'xn--mgbaam7a8h': 'AE',
  'xn--mgberp4a5d4ar': 'SA', 'xn--wgbh1c': 'EG', 'xn--h2brj9c': 'IN', 'xn--j1amh': 'UA',
  'xn--90ais': 'BY', 'xn--mgbai9azgqp6j': 'PK', 'xn--o3cw4h': 'TH', 'xn--yfro4i67o': 'SG',
  'xn--mgbtx2b': 'IQ', 'xn--ygbi2ammx': 'PS', 'xn--4dbrk0ce': 'IL',
};

/**
 * 'example.de' → 'DE', 'bbc.co.uk' → 'GB'. Generic TLDs, generically used ccTLDs, IP
 * addresses, localhost and single-label hosts say nothing.
 */
export function regionFromHostname(hostname: string): string | undefined {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (!host.includes('.') || host.includes(':') || host.startsWith('[')) return undefined;
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (/^\d+$/.test(tld)) return undefined; // an IPv4 address
  const idn = IDN_CCTLDS[tld];
  if (idn) return idn;
  if (tld.length !== 2 || GENERIC_CCTLDS.has(tld)) return undefined;
  if (tld === 'eu' || tld === 'su') return undefined;
  return isoRegion(tld);
}

/**
 * The main country of a language (CLDR likely subtags), for a UI locale without a region:
 * the country whose numbering a speaker most likely means.
 */
const MAIN_COUNTRY: Readonly<Record<string, string>> = {
  af: 'ZA', am: 'ET', ar: 'EG', az: 'AZ', be: 'BY', bg: 'BG', bn: 'BD', bs: 'BA', ca: 'ES', cs: 'CZ',
  cy: 'GB', da: 'DK', de: 'DE', el: 'GR', en: 'US', es: 'ES', et: 'EE', eu: 'ES', fa: 'IR', fi: 'FI',
  fil: 'PH', fr: 'FR', ga: 'IE', gl: 'ES', gu: 'IN', he: 'IL', hi: 'IN', hr: 'HR', hu: 'HU', hy: 'AM',
  id: 'ID', is: 'IS', it: 'IT', iw: 'IL', ja: 'JP', ka: 'GE', kk: 'KZ', km: 'KH', kn: 'IN', ko: 'KR',
  lb: 'LU', lo: 'LA', lt: 'LT', lv: 'LV', mk: 'MK', ml: 'IN', mn: 'MN', mr: 'IN', ms: 'MY', mt: 'MT',
  my: 'MM', nb: 'NO', ne: 'NP', nl: 'NL', nn: 'NO', no: 'NO', pa: 'IN', pl: 'PL', pt: 'BR', ro: 'RO',
  ru: 'RU', si: 'LK', sk: 'SK', sl: 'SI', sq: 'AL', sr: 'RS', sv: 'SE', sw: 'TZ', ta: 'IN', te: 'IN',
  th: 'TH', tl: 'PH', tr: 'TR', uk: 'UA', ur: 'PK', uz: 'UZ', vi: 'VN', zh: 'CN', zu: 'ZA',
};

/** Regions implied by a script: Traditional Chinese is written in Taiwan (and Hong Kong). */
const SCRIPT_COUNTRY: Readonly<Record<string, string>> = { 'zh-hant': 'TW', 'zh-hans': 'CN' };

/** UN M.49 areas with a country most of their speakers are in: es-419 is Latin American Spanish. */
const AREA_COUNTRY: Readonly<Record<string, string>> = { 'es-419': 'MX', 'pt-419': 'BR', 'en-001': 'US', 'en-150': 'GB' };

/**
 * The user's country from the browser's UI locale, to initialise the default-country setting:
 * 'en-US' → 'US', 'de' → 'DE' (a language alone means its main country).
 */
export function regionFromLocale(uiLocale: string): string | undefined {
  const tag = parseLanguageTag(uiLocale);
  if (!tag) return undefined;
  if (tag.region) {
    if (/^\d{3}$/.test(tag.region)) return AREA_COUNTRY[`${tag.language}-${tag.region}`] ?? MAIN_COUNTRY[tag.language];
    const region = isoRegion(tag.region);
    if (region) return region;
  }
  if (tag.script) {
    const byScript = SCRIPT_COUNTRY[`${tag.language}-${tag.script}`];
    if (byScript) return byScript;
  }
  return MAIN_COUNTRY[tag.language];
}
