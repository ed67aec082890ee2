// The Olympic sports vocabulary: a stable code for each sport (and for the disciplines that are
// often named on their own) beside its IOC English name and the other English names editors use.
// The catalog keeps the sport and discipline as the editor typed them; programme items add the
// matching code (`sportCode`, `disciplineCode`), and clients show the name in the viewer's
// language from `sports.<code>` in locales/<locale>/player.json, falling back to the typed
// text for anything outside this table. Pure; the codes never change once published.

export interface SportEntry {
  /** Stable key: lower snake_case, also the i18n key `sports.<code>`. */
  code: string;
  /** IOC English name (Paris 2024 programme). */
  name: string;
  /** Other English names that mean the same sport ("Track and Field", "Soccer"). */
  aliases?: readonly string[];
}

/** The 32 sports of the Paris 2024 programme and the 8 of Milano Cortina 2026, each followed by the disciplines often given as the sport. */
export const OLYMPIC_SPORTS: readonly SportEntry[] = Object.freeze([
  { code: 'aquatics', name: 'Aquatics' },
  { code: 'archery', name: 'Archery' },
  { code: 'athletics', name: 'Athletics', aliases: ['Track and Field', 'Track & Field'] },
  { code: 'badminton', name: 'Badminton' },
  { code: 'basketball', name: 'Basketball' },
  { code: 'boxing', name: 'Boxing' },
  { code: 'breaking', name: 'Breaking', aliases: ['Breakdance', 'Breakdancing'] },
  { code: 'canoe', name: 'Canoe', aliases: ['Canoeing', 'Canoe Kayak', 'Canoe-Kayak'] },
  { code: 'cycling', name: 'Cycling' },
  { code: 'equestrian', name: 'Equestrian' },
  { code: 'fencing', name: 'Fencing' },
  { code: 'football', name: 'Football', aliases: ['Soccer'] },
  { code: 'golf', name: 'Golf' },
  { code: 'gymnastics', name: 'Gymnastics' },
  { code: 'handball', name: 'Handball' },
  { code: 'hockey', name: 'Hockey', aliases: ['Field Hockey'] },
  { code: 'judo', name: 'Judo' },
  { code: 'modern_pentathlon', name: 'Modern Pentathlon' },
  { code: 'rowing', name: 'Rowing' },
  { code: 'rugby', name: 'Rugby' },
  { code: 'sailing', name: 'Sailing' },
  { code: 'shooting', name: 'Shooting' },
  { code: 'skateboarding', name: 'Skateboarding', aliases: ['Skateboard'] },
  { code: 'sport_climbing', name: 'Sport Climbing', aliases: ['Climbing'] },
  { code: 'surfing', name: 'Surfing', aliases: ['Surf'] },
  { code: 'table_tennis', name: 'Table Tennis', aliases: ['Ping Pong'] },
  { code: 'taekwondo', name: 'Taekwondo' },
  { code: 'tennis', name: 'Tennis' },
  { code: 'triathlon', name: 'Triathlon' },
  { code: 'volleyball', name: 'Volleyball' },
  { code: 'weightlifting', name: 'Weightlifting' },
  { code: 'wrestling', name: 'Wrestling' },
  { code: 'swimming', name: 'Swimming' },
  { code: 'diving', name: 'Diving' },
  { code: 'water_polo', name: 'Water Polo' },
  { code: 'artistic_gymnastics', name: 'Artistic Gymnastics' },
  { code: 'rhythmic_gymnastics', name: 'Rhythmic Gymnastics' },
  { code: 'beach_volleyball', name: 'Beach Volleyball', aliases: ['Beach Volley'] },
  { code: 'basketball_3x3', name: '3x3 Basketball', aliases: ['Basketball 3x3', '3×3 Basketball'] },
  { code: 'rugby_sevens', name: 'Rugby Sevens', aliases: ['Rugby 7s', 'Sevens Rugby'] },
  // Winter Games (Milano Cortina 2026): the 8 sports, then the disciplines named on their own.
  { code: 'biathlon', name: 'Biathlon' },
  { code: 'bobsleigh', name: 'Bobsleigh', aliases: ['Bobsled', 'Bobsledding'] },
  { code: 'curling', name: 'Curling' },
  { code: 'ice_hockey', name: 'Ice Hockey' },
  { code: 'luge', name: 'Luge' },
  { code: 'skating', name: 'Skating' },
  { code: 'skiing', name: 'Skiing' },
  { code: 'ski_mountaineering', name: 'Ski Mountaineering', aliases: ['Skimo'] },
  { code: 'skeleton', name: 'Skeleton' },
  { code: 'figure_skating', name: 'Figure Skating' },
  { code: 'short_track', name: 'Short Track Speed Skating', aliases: ['Short Track', 'Short-Track Speed Skating'] },
  { code: 'speed_skating', name: 'Speed Skating', aliases: ['Long Track Speed Skating'] },
  { code: 'alpine_skiing', name: 'Alpine Skiing' },
  { code: 'cross_country_skiing', name: 'Cross-Country Skiing', aliases: ['Cross Country Skiing'] },
  { code: 'freestyle_skiing', name: 'Freestyle Skiing' },
  { code: 'nordic_combined', name: 'Nordic Combined' },
  { code: 'ski_jumping', name: 'Ski Jumping' },
  { code: 'snowboard', name: 'Snowboard', aliases: ['Snowboarding'] },
]);

/** Case, accents, spaces and punctuation do not matter ("Table-tennis" = "table_tennis"). */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const BY_FOLDED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const e of OLYMPIC_SPORTS) for (const name of [e.code, e.name, ...(e.aliases ?? [])]) map.set(fold(name), e.code);
  return map;
})();

/** The code of a sport or discipline as an editor typed it (its code, IOC name or an alias); null outside the table. */
export function sportCode(value: string | null | undefined): string | null {
  if (!value) return null;
  return BY_FOLDED.get(fold(value)) ?? null;
}
