// The first frame's start of a rendition's ladder (server/catalog/ladder-start.ts): which files
// start playback, at which signed URLs, read through the MediaStore.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { FIRST_FRAME_SEGMENTS, LadderStarts, firstFrameStart, ladderStart } from '../../../../server/catalog/ladder-start.js';
import { DiskMediaStore } from '../../../../server/media/store.js';
import { tempDir } from '../../../helpers/media.js';
import { MASTER, files, read } from '../../../helpers/ladder.js';

describe('catalog: the first frame’s start of the ladder', () => {
  it('takes the first-listed variant and its DEFAULT audio: init segment and first segments, codecs split by kind', async () => {
    const start = await ladderStart(MASTER, read);
    expect(start).to.deep.equal({
      tracks: [
        { type: 'video', codec: 'avc1.64001f', uris: ['540p25/init_6.mp4', '540p25/seg_00000.m4s', '540p25/seg_00001.m4s', '540p25/seg_00002.m4s'] },
        { type: 'audio', codec: 'mp4a.40.2', uris: ['audio/init_5.mp4', 'audio/seg_00000.m4s', 'audio/seg_00001.m4s', 'audio/seg_00002.m4s'] },
      ],
    });
    expect(start!.tracks[0]!.uris).to.have.length(1 + FIRST_FRAME_SEGMENTS);
  });

  it('resolves the URIs against each viewer’s signed master URL, keeping the token in the path', async () => {
    const start = (await ladderStart(MASTER, read))!;
    const signed = '/media/t/HK.tok.sig/prog/rend/master.m3u8';
    const page = firstFrameStart('prog', signed, start, 8);
    expect(page.master).to.equal(signed);
    expect(page.durationSec).to.equal(8);
    expect(page.tracks[0]!.urls[0]).to.equal('/media/t/HK.tok.sig/prog/rend/540p25/init_6.mp4');
    expect(page.tracks[1]!.urls[3]).to.equal('/media/t/HK.tok.sig/prog/rend/audio/seg_00002.m4s');
  });

  it('stands aside for ladders it does not know: no CODECS, muxed audio, no init segment, a missing playlist, another origin', async () => {
    expect(await ladderStart(MASTER.replace(/CODECS="[^"]*",/g, ''), read)).to.equal(null);
    expect(await ladderStart(MASTER.replace(/,AUDIO="aud"/g, ''), read)).to.equal(null);
    expect(await ladderStart(MASTER, async (u) => (files[u] ?? '').replace(/#EXT-X-MAP[^\n]*\n/, '') || null)).to.equal(null);
    expect(await ladderStart(MASTER, async (u) => (u.startsWith('audio') ? null : (files[u] ?? null)))).to.equal(null);
    expect(await ladderStart(MASTER, async (u) => (files[u] ?? '').replace('init_6.mp4', 'https://elsewhere.example/init.mp4') || null)).to.equal(null);
    // "..": resolved inside the rendition's own URL space, never above its master
    const dots = await ladderStart(MASTER, async (u) => (files[u] ?? '').replace('seg_00000.m4s', '../../../seg.m4s') || null);
    expect(firstFrameStart('p', '/media/t/x/p/r/master.m3u8', dots!, 8).tracks[0]!.urls[1]).to.equal('/media/t/x/p/r/seg.m4s');
  });

  it('video-only ladders start with the video track alone', async () => {
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.64001f"\n540p25/index.m3u8\n';
    const start = await ladderStart(master, read);
    expect(start!.tracks.map((t) => t.type)).to.deep.equal(['video']);
  });

  it('reads a rendition’s playlists through the MediaStore for an item’s signed master URL, kept while the master is unchanged', async () => {
    const store = new DiskMediaStore(await tempDir('podium-ladder-'));
    const { dir, key } = await store.prepareRendition('prog', 'rend');
    for (const [file, text] of Object.entries({ 'master.m3u8': MASTER, ...files })) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const starts = new LadderStarts(store);
    const hls = '/media/t/HK.tok.sig/prog/rend/master.m3u8';
    const start = await starts.forItem({ id: 'prog', hls, durationSec: 8 });
    expect(start).to.deep.equal(firstFrameStart('prog', hls, (await ladderStart(MASTER, read))!, 8));
    expect(await starts.forItem({ id: 'prog', hls: null, durationSec: null })).to.equal(null);
    // the same master: the cached start, even with a variant playlist gone
    fs.rmSync(path.join(dir, '540p25'), { recursive: true });
    expect(await starts.of(key, 'master.m3u8')).to.deep.equal(await ladderStart(MASTER, read));
    // a changed master is read again (and its missing playlist now stops the fast path)
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, 'master.m3u8'), later, later);
    expect(await starts.of(key, 'master.m3u8')).to.equal(null);
    // no master: rejects (the watch page then serves the plain app)
    await starts.of(key, 'missing.m3u8').then(
      () => expect.fail('no master'),
      () => undefined,
    );
  });

  it('reads no playlist outside the rendition folder', async () => {
    const dataDir = await tempDir('podium-ladder-out-');
    const store = new DiskMediaStore(dataDir);
    const { dir, key } = await store.prepareRendition('prog', 'rend');
    fs.mkdirSync(path.join(dir, 'audio'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'audio', 'index.m3u8'), files['audio/index.m3u8']!);
    fs.mkdirSync(path.join(dataDir, 'media', 'prog', '540p25'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'media', 'prog', '540p25', 'index.m3u8'), files['540p25/index.m3u8']!);
    fs.writeFileSync(path.join(dir, 'master.m3u8'), MASTER.replace('\n540p25/index.m3u8', '\n../540p25/index.m3u8'));
    expect(await new LadderStarts(store).of(key, 'master.m3u8')).to.equal(null);
  });
});
