import { ChannelError } from '../../../server/channel/errors.js';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { SubtitleError } from '../../../transcoder/index.js';
import { PosterError } from '../../../server/catalog/posters.js';
import { CatalogError, TrackError } from '../../../server/catalog/errors.js';
import { ApiError, ERRORS, errorBody, fromDomainError } from '../../../server/http/errors.js';
import { TranslationError } from '../../../server/i18n/translations.js';

function readmeRows(): string[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const table = readme.split('<!-- error-table:start -->')[1]?.split('<!-- error-table:end -->')[0];
  if (!table) throw new Error('README.md lacks the error-table markers');
  return table.trim().split('\n').slice(2).map((l) => l.trim());
}

describe('server/http/errors', () => {
  it('gives every code a 4xx/5xx status and a description', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.status, code).to.be.within(400, 599);
      expect(e.doc, code).to.be.a('string').that.is.not.empty;
      expect(code, code).to.match(/^[a-z_]+$/);
    }
  });
  it('ApiError takes its status from the table; errorBody has the documented shape', () => {
    const e = new ApiError('validation_failed', 'title: required', { field: 'title' });
    expect(e.status).to.equal(400);
    expect(errorBody(e.code, e.message, e.extra)).to.deep.equal({ error: { code: 'validation_failed', message: 'title: required', field: 'title' } });
  });
  it('README lists every code with its status and meaning, in order', () => {
    expect(readmeRows()).to.deep.equal(Object.entries(ERRORS).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.doc} |`));
  });
  it('maps every domain error to one API code (and nothing else)', () => {
    const cases: [unknown, string, Record<string, unknown>?][] = [
      [new CatalogError('not_found', 'no programme x'), 'not_found'],
      [new CatalogError('last_localization', 'keep one'), 'conflict'],
      [new CatalogError('invalid_locale', 'bad', 'locale'), 'validation_failed', { field: 'locale' }],
      [new TrackError('not_found', 'no track'), 'not_found'],
      [new ChannelError('not_ready', 'slate'), 'not_ready'],
      [new TrackError('last_audio', 'keep one'), 'conflict'],
      [new TrackError('no_rendition', 'not packaged yet'), 'conflict'],
      [new SubtitleError('bad_timing', 'bad', 3), 'invalid_subtitles', { reason: 'bad_timing', line: 3 }],
      [new PosterError('empty', 'empty'), 'bad_request'],
      [new PosterError('not_an_image', 'no'), 'unsupported_media_type'],
      [new TranslationError('not_found', 'no file'), 'not_found'],
      [new TranslationError('check_failed', 'bad', 'app.title'), 'validation_failed', { field: 'app.title', key: 'app.title' }],
    ];
    for (const [err, code, extra] of cases) {
      const e = fromDomainError(err);
      expect(e?.code, String(err)).to.equal(code);
      if (extra) expect(e!.extra).to.deep.include(extra);
    }
    for (const other of [new Error('x'), new ApiError('forbidden', 'no'), null, 'text']) expect(fromDomainError(other)).to.equal(null);
  });
});
