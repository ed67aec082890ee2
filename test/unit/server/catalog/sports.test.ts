// The Olympic sports vocabulary: names as editors type them → stable codes, and every code has
// a name in the player's English bundle (npm run i18n:check then holds every locale to it).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OLYMPIC_SPORTS, sportCode } from '../../../../server/catalog/sports.js';

const root = path.resolve(import.meta.dirname, '../../../..');

describe('catalog: Olympic sports vocabulary', () => {
  it('finds the code from the IOC name, the code itself or an alias, whatever the case, spaces and punctuation', () => {
    expect(sportCode('Athletics')).to.equal('athletics');
    expect(sportCode('athletics')).to.equal('athletics');
    expect(sportCode('Track and Field')).to.equal('athletics');
    expect(sportCode('TABLE-TENNIS')).to.equal('table_tennis');
    expect(sportCode('table_tennis')).to.equal('table_tennis');
    expect(sportCode(' Sport Climbing ')).to.equal('sport_climbing');
    expect(sportCode('Artistic Gymnastics')).to.equal('artistic_gymnastics');
    expect(sportCode('Soccer')).to.equal('football');
    expect(sportCode('3x3 Basketball')).to.equal('basketball_3x3');
    expect(sportCode('Snowboarding')).to.equal('snowboard');
    expect(sportCode('Cross Country Skiing')).to.equal('cross_country_skiing');
    expect(sportCode('Short Track')).to.equal('short_track');
    expect(sportCode('Ice hockey')).to.equal('ice_hockey');
  });

  it('answers null outside the table (the typed name is then shown as it is)', () => {
    expect(sportCode('Sprint')).to.equal(null);
    expect(sportCode('Escrime')).to.equal(null);
    expect(sportCode('')).to.equal(null);
    expect(sportCode(null)).to.equal(null);
    expect(sportCode(undefined)).to.equal(null);
  });

  it('codes are unique snake_case, and no two entries claim the same name', () => {
    const codes = OLYMPIC_SPORTS.map((s) => s.code);
    expect(new Set(codes).size).to.equal(codes.length);
    for (const c of codes) expect(c).to.match(/^[a-z0-9]+(_[a-z0-9]+)*$/);
    for (const e of OLYMPIC_SPORTS) for (const name of [e.name, ...(e.aliases ?? [])]) expect(sportCode(name), name).to.equal(e.code);
  });

  it('locales/en/player.json names exactly the vocabulary under sports.<code>, with the IOC English name', () => {
    const en = JSON.parse(readFileSync(path.join(root, 'locales/en/player.json'), 'utf8')) as { sports: Record<string, unknown> };
    const keys = Object.keys(en.sports).filter((k) => !k.startsWith('@'));
    expect(keys.sort()).to.deep.equal(OLYMPIC_SPORTS.map((s) => s.code).sort());
    for (const s of OLYMPIC_SPORTS) expect(en.sports[s.code], s.code).to.equal(s.name);
  });
});
