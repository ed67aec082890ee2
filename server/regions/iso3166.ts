// ISO 3166-1 alpha-2 codes officially assigned (249, as of 2024). Used to tell a well-formed but
// unassigned code ("ZZ", "T1" from a CDN, "EU") from a real country or territory. A viewer's
// region may be any of these; only the seeded ones in regions.ts carry locale metadata.
const ASSIGNED =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

export const ISO_3166_ALPHA2: ReadonlySet<string> = new Set(ASSIGNED.split(' '));

/** Pseudo-region meaning "every territory" in availability windows and the region table. */
export const WORLDWIDE = 'WW';

const SHAPE = /^[A-Za-z]{2}$/;

/** True when `code` has the shape of an alpha-2 code (two ASCII letters, any case). */
export function isAlpha2Shape(code: unknown): code is string {
  return typeof code === 'string' && SHAPE.test(code);
}

/**
 * Upper-cases and validates a country code: an assigned ISO 3166-1 alpha-2 code, or WW when
 * `allowWorldwide`. Returns null for anything else (never throws; safe on raw header values).
 */
export function normalizeRegionCode(code: unknown, { allowWorldwide = true } = {}): string | null {
  if (!isAlpha2Shape(code)) return null;
  const upper = code.toUpperCase();
  if (upper === WORLDWIDE) return allowWorldwide ? upper : null;
  return ISO_3166_ALPHA2.has(upper) ? upper : null;
}
