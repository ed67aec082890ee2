// A published programme whose rendition folder is written straight into the data dir (no
// transcode): a master, one media playlist per variant with its init segment and segments of a
// chosen size. For delivery tests and benches, where what matters is the files, not their video.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { TestApp } from './app.js';
import { createProgramme } from '../http/viewer-helpers.js';

export interface WrittenRendition {
  programmeId: string;
  renditionId: string;
  /** The rendition's folder on disk. */
  dir: string;
  /** Files below the folder, master first, then per variant its playlist, init and segments. */
  files: string[];
  /** Each variant's media playlist ("v0.m3u8"…). */
  playlists: string[];
  /** Each variant's segments ("v0/seg_00001.m4s"…). */
  segments: string[][];
}

export interface RenditionOptions {
  title?: string;
  variants?: number;
  /** Segments per variant. */
  segments?: number;
  segmentBytes?: number;
  renditionId?: string;
}

/** Creates and publishes a programme (worldwide) and writes its rendition; media playlists list segments relative to themselves. */
export async function writeRendition(app: Pick<TestApp, 'api' | 'dataDir' | 'podium'>, opts: RenditionOptions = {}): Promise<WrittenRendition> {
  const variants = opts.variants ?? 2;
  const count = opts.segments ?? 5;
  const renditionId = opts.renditionId ?? `r${randomBytes(4).toString('hex')}`;
  const programmeId = await createProgramme(app as TestApp, { en: { title: opts.title ?? 'Delivery test' } });
  const dir = path.join(app.dataDir, 'media', programmeId, renditionId);
  const master = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  const playlists: string[] = [];
  const segments: string[][] = [];
  for (let v = 0; v < variants; v++) {
    await mkdir(path.join(dir, `v${v}`), { recursive: true });
    await writeFile(path.join(dir, `v${v}`, 'init.mp4'), randomBytes(800));
    const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-MEDIA-SEQUENCE:0', `#EXT-X-MAP:URI="v${v}/init.mp4"`];
    const names: string[] = [];
    for (let i = 1; i <= count; i++) {
      const name = `v${v}/seg_${String(i).padStart(5, '0')}.m4s`;
      await writeFile(path.join(dir, name), randomBytes(opts.segmentBytes ?? 4096));
      lines.push('#EXTINF:2.000000,', name);
      names.push(name);
    }
    lines.push('#EXT-X-ENDLIST');
    await writeFile(path.join(dir, `v${v}.m3u8`), lines.join('\n') + '\n');
    master.push(`#EXT-X-STREAM-INF:BANDWIDTH=${(v + 1) * 1_000_000},CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=${640 * (v + 1)}x${360 * (v + 1)}`, `v${v}.m3u8`);
    playlists.push(`v${v}.m3u8`);
    segments.push(names);
  }
  await writeFile(path.join(dir, 'master.m3u8'), master.join('\n') + '\n');
  const [updated] = await app.podium.models.Programme.update({ status: 'ready', renditionId, renditionPath: `${programmeId}/${renditionId}` }, { where: { id: programmeId } });
  expect(updated).to.equal(1);
  return { programmeId, renditionId, dir, files: ['master.m3u8', ...playlists.flatMap((p, v) => [p, `v${v}/init.mp4`, ...segments[v]!])], playlists, segments };
}
