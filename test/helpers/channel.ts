// Live channel test helpers: a small library of really transcoded programmes that mixes what a
// channel must play through (25, 30, 50 and 60 fps, different ladders, a portrait programme, one
// with a second audio language and subtitles, the others without), the slate, channel and schedule
// calls, and a reader of live media playlists.
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { expectJson, waitForJob, type TestApp } from './app.js';
export { waitForSlate } from './app.js';
import { makeClip, testBinaries, tempDir } from './media.js';
import { runFfmpeg } from '../../transcoder/ffmpeg/command.js';
import { createProgramme, JSON_HEADERS, type Window } from '../http/viewer-helpers.js';

export interface ChannelLibrary {
  /** 640×360 25 fps, 8 s, with French commentary and English subtitles. */
  a: string;
  /** 480×270 30 fps, 6 s. */
  b: string;
  /** 360×640 portrait 50 fps, 6 s (its small rungs are encoded at 25 fps, as the ladder halves high rates below 720p). */
  c: string;
  /** 640×360 60 fps, 6 s (rungs at 30 fps). */
  d: string;
}

async function upload(app: TestApp, id: string, pathname: string, body: Buffer | string): Promise<void> {
  const res = await app.api(pathname, { method: 'PUT', auth: true, body: typeof body === 'string' ? body : new Uint8Array(body) });
  expect(res.status, await res.clone().text()).to.be.oneOf([200, 201, 202]);
  if (res.status === 202) {
    const job = await waitForJob(app, ((await res.json()) as { jobId: string }).jobId, 240_000);
    expect(job.state, `${id} ${pathname}: ${JSON.stringify(job)}`).to.equal('succeeded');
  }
}

/** Four programmes (published, worldwide unless `windows` says otherwise), transcoded for real. */
export async function buildChannelLibrary(app: TestApp, windows: Partial<Record<keyof ChannelLibrary, Window[]>> = {}): Promise<ChannelLibrary> {
  const specs = {
    a: { title: 'Relay final', clip: { width: 640, height: 360, fps: 25, durationSec: 8, label: 'chan-a' } },
    b: { title: 'Keirin heats', clip: { width: 480, height: 270, fps: 30, durationSec: 6, label: 'chan-b' } },
    c: { title: 'Climbing (portrait)', clip: { width: 360, height: 640, fps: 50, durationSec: 6, label: 'chan-c' } },
    d: { title: 'Sprint at 60', clip: { width: 640, height: 360, fps: 60, durationSec: 6, label: 'chan-d' } },
  } as const;
  const ids = {} as ChannelLibrary;
  for (const key of ['a', 'b', 'c', 'd'] as const) {
    const s = specs[key];
    // Worldwide since yesterday unless told otherwise (the default window opens at creation: after a schedule's past slots).
    const open = [{ regions: ['WW'], start: new Date(Date.now() - 86_400_000).toISOString() }];
    ids[key] = await createProgramme(app, { en: { title: s.title, synopsis: `${s.title}: synopsis` }, fr: { title: `${s.title} (fr)` } }, { windows: windows[key] ?? open, extra: { sport: 'Athletics' } });
    await upload(app, ids[key], `/api/programmes/${ids[key]}/source`, await readFile(await makeClip(s.clip)));
  }
  const work = await tempDir('podium-channel-lib-');
  const wav = `${work}/fr.wav`;
  await runFfmpeg(await testBinaries(), {
    inputs: [{ path: 'sine=f=550:sample_rate=48000:d=8', options: ['-f', 'lavfi'] }],
    globalOptions: ['-nostats', '-loglevel', 'error', '-y'],
    output: { path: wav, options: ['-ac', '2'] },
  });
  await upload(app, ids.a, `/api/programmes/${ids.a}/audio/fr?role=commentary`, await readFile(wav));
  await upload(app, ids.a, `/api/programmes/${ids.a}/subtitles/en`, 'WEBVTT\n\n00:00:00.500 --> 00:00:03.000\nOn your marks\n\n00:00:04.000 --> 00:00:07.500\nGo!\n');
  return ids;
}

export async function createChannel(app: TestApp, body: Record<string, unknown>): Promise<string> {
  return (await expectJson<{ id: string }>(await app.api('/api/channels', { method: 'POST', auth: true, headers: JSON_HEADERS, body: JSON.stringify(body) }), 201)).id;
}

export interface StoredEntry {
  id: string;
  programmeId: string;
  start: string;
  end: string;
  alternatives: Record<string, string | null>;
}

/** Replaces the schedule (If-Match from a fresh read). */
export async function putSchedule(app: TestApp, channelId: string, entries: unknown[]): Promise<StoredEntry[]> {
  const etag = (await app.api(`/api/channels/${channelId}/schedule`, { auth: true })).headers.get('etag')!;
  const res = await app.api(`/api/channels/${channelId}/schedule`, { method: 'PUT', auth: true, headers: { ...JSON_HEADERS, 'if-match': etag }, body: JSON.stringify({ entries }) });
  return (await expectJson<{ entries: StoredEntry[] }>(res, 200)).entries;
}

export interface LiveSegment {
  uri: string;
  durationSec: number;
  discontinuity: boolean;
  map: string | null;
  programDateTime: string | null;
}

export interface LivePlaylist {
  version: number;
  targetDuration: number;
  mediaSequence: number;
  discontinuitySequence: number;
  canSkipUntil: number | null;
  canSkipDateRanges: boolean;
  skipped: number;
  /** EXT-X-SKIP's RECENTLY-REMOVED-DATERANGES (null when absent). */
  recentlyRemoved: string[] | null;
  dateRanges: Record<string, string>[];
  segments: LiveSegment[];
  /** Tags that must not be in a live playlist (PLAYLIST-TYPE, ENDLIST). */
  forbidden: string[];
}

function attributes(list: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of list.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) out[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  return out;
}

/** A live media playlist, read line by line (the tags Podium writes). */
export function parseLivePlaylist(text: string): LivePlaylist {
  const lines = text.split('\n');
  expect(lines[0]).to.equal('#EXTM3U');
  const out: LivePlaylist = { version: NaN, targetDuration: NaN, mediaSequence: NaN, discontinuitySequence: 0, canSkipUntil: null, canSkipDateRanges: false, skipped: 0, recentlyRemoved: null, dateRanges: [], segments: [], forbidden: [] };
  let pending: Omit<LiveSegment, 'uri'> = { durationSec: NaN, discontinuity: false, map: null, programDateTime: null };
  for (const line of lines.slice(1)) {
    const [tag, value = ''] = line.startsWith('#') ? [line.slice(0, line.indexOf(':') === -1 ? line.length : line.indexOf(':')), line.slice(line.indexOf(':') + 1)] : [line];
    if (tag === '#EXT-X-VERSION') out.version = Number(value);
    else if (tag === '#EXT-X-TARGETDURATION') out.targetDuration = Number(value);
    else if (tag === '#EXT-X-MEDIA-SEQUENCE') out.mediaSequence = Number(value);
    else if (tag === '#EXT-X-DISCONTINUITY-SEQUENCE') out.discontinuitySequence = Number(value);
    else if (tag === '#EXT-X-SERVER-CONTROL') {
      out.canSkipUntil = Number(attributes(value)['CAN-SKIP-UNTIL']);
      out.canSkipDateRanges = attributes(value)['CAN-SKIP-DATERANGES'] === 'YES';
    } else if (tag === '#EXT-X-SKIP') {
      const a = attributes(value);
      out.skipped = Number(a['SKIPPED-SEGMENTS']);
      const removed = a['RECENTLY-REMOVED-DATERANGES'];
      if (removed !== undefined) out.recentlyRemoved = removed === '' ? [] : removed.split('\t');
    }
    else if (tag === '#EXT-X-DATERANGE') out.dateRanges.push(attributes(value));
    else if (tag === '#EXT-X-DISCONTINUITY') pending.discontinuity = true;
    else if (tag === '#EXT-X-MAP') pending.map = attributes(value).URI ?? null;
    else if (tag === '#EXT-X-PROGRAM-DATE-TIME') pending.programDateTime = value;
    else if (tag === '#EXTINF') pending.durationSec = Number(value.split(',')[0]);
    else if (tag === '#EXT-X-PLAYLIST-TYPE' || tag === '#EXT-X-ENDLIST') out.forbidden.push(tag);
    else if (tag && !tag.startsWith('#') && tag.trim()) {
      out.segments.push({ uri: tag, ...pending });
      pending = { durationSec: NaN, discontinuity: false, map: null, programDateTime: null };
    }
  }
  return out;
}

/** The programme id a signed media URL names (/media/t/<token>/<programmeId>/…). */
export const programmeOf = (uri: string) => decodeURIComponent(uri.split('/')[4] ?? '');
