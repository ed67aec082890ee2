// Per-locale posters: an image per localization of a programme (a poster carries text, so the
// Japanese poster differs from the French one). The image is checked by its first bytes (JPEG,
// PNG or WebP; the declared Content-Type must agree), stored content-addressed beside the
// programme's renditions through the MediaStore, and named on the localization row
// (`localizations.poster` = `posters/<locale>.<hash>.<ext>`). Viewers get it through
// ProgrammeService.view(), which follows the viewer's locale fallback chain.
import { createHash } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { Models } from '../db/models.js';
import { canonicalTag } from '../i18n/locale.js';
import type { MediaStore } from '../media/store.js';
import { CatalogError } from './errors.js';

/** Largest poster accepted (a 2000×3000 JPEG is well under 2 MB). */
export const POSTER_MAX_BYTES = 5 * 1024 * 1024;

export const POSTER_TYPES = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
} as const;
export type PosterType = keyof typeof POSTER_TYPES;

/** The image type of `bytes` by its signature, or null. */
export function sniffImage(bytes: Uint8Array): PosterType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 16 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP' && ascii(12, 15) === 'VP8') return 'image/webp';
  return null;
}

export class PosterError extends Error {
  constructor(
    readonly code: 'empty' | 'not_an_image' | 'type_mismatch',
    message: string,
  ) {
    super(message);
  }
}

export interface StoredPoster {
  locale: string;
  /** Path inside the programme's media folder: posters/<locale>.<hash>.<ext>. */
  file: string;
  type: PosterType;
  bytes: number;
}

export class PosterStore {
  constructor(private readonly deps: { sequelize: Sequelize; models: Models; media: MediaStore }) {}

  /**
   * Sets the poster of one localization (which must exist). `declaredType` is the request's
   * Content-Type: it must name the type the bytes have. The previous file is removed once the
   * new one is recorded.
   */
  async put(programmeId: string, tag: string, bytes: Uint8Array, declaredType: string | undefined): Promise<StoredPoster> {
    const locale = canonicalTag(tag);
    if (!locale) throw new CatalogError('invalid_locale', `not a BCP 47 locale: ${JSON.stringify(tag)}`, 'locale');
    if (bytes.length === 0) throw new PosterError('empty', 'the body is empty: send the image itself (JPEG, PNG or WebP)');
    const type = sniffImage(bytes);
    if (!type) throw new PosterError('not_an_image', 'the body is not a JPEG, PNG or WebP image');
    const declared = (declaredType ?? '').split(';')[0]!.trim().toLowerCase();
    if (declared !== type) throw new PosterError('type_mismatch', `the body is ${type} but Content-Type says ${JSON.stringify(declared || '(none)')}`);
    const { sequelize, models, media } = this.deps;
    const row = await models.Localization.findOne({ where: { programmeId, locale }, attributes: ['id'] });
    if (!row) {
      if ((await models.Programme.count({ where: { id: programmeId } })) === 0) throw new CatalogError('not_found', `no programme ${programmeId}`);
      throw new CatalogError('not_found', `programme ${programmeId} has no ${locale} localization: add it (PUT …/localizations/${locale}) before its poster`);
    }
    const name = `${locale}.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${POSTER_TYPES[type]}`;
    const file = await media.putPoster(programmeId, name, bytes);
    const previous = await sequelize.transaction(async (transaction) => {
      const loc = await models.Localization.findOne({ where: { programmeId, locale }, transaction });
      if (!loc) throw new CatalogError('not_found', `programme ${programmeId} has no ${locale} localization`);
      const old = loc.poster;
      await loc.update({ poster: file }, { transaction });
      return old;
    }).catch(async (err: unknown) => {
      await media.removePoster(programmeId, file);
      throw err;
    });
    if (previous && previous !== file) await media.removePoster(programmeId, previous);
    return { locale, file, type, bytes: bytes.length };
  }

  /** Removes the poster of one localization (404 when it has none). */
  async remove(programmeId: string, tag: string): Promise<void> {
    const locale = canonicalTag(tag);
    if (!locale) throw new CatalogError('not_found', `no poster ${JSON.stringify(tag)}`);
    const { models, media } = this.deps;
    const loc = await models.Localization.findOne({ where: { programmeId, locale } });
    if (!loc?.poster) throw new CatalogError('not_found', `programme ${programmeId} has no ${locale} poster`);
    const old = loc.poster;
    await loc.update({ poster: null });
    await media.removePoster(programmeId, old);
  }
}
