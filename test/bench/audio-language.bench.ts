// npm run bench:audio — issue 5's benchmark: adding a third audio language to a 1080p programme
// must take less than 10 % of the original transcode. Baseline: Podium's transcode() (one ffmpeg
// process, full ladder + main audio) of a generated 1080p clip. Then a second language is added
// untimed and the third timed, with packageAudioRendition (measure, loudnorm, AAC, segment; the
// video untouched): from a separate WAV file, and from the first audio stream of a 1080p video
// upload. Also prints the cost of the trick-play extras for phase 2 planning.
// Env: BENCH_DURATION (s, default 20), BENCH_PRESET (x264 preset, default veryfast).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageAudioRendition, readMediaPlaylist } from '../../transcoder/audio/index.js';
import { locateFfmpeg, synthesizeClip, transcode } from '../../transcoder/index.js';
import { runFfmpeg } from '../../transcoder/ffmpeg/command.js';
import { makeStoryboard, writeIFramePlaylist } from '../../transcoder/trickplay/index.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const PRESET = process.env.BENCH_PRESET ?? 'veryfast';

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, (performance.now() - t0) / 1000];
}

const dir = await mkdtemp(path.join(tmpdir(), 'podium-bench-audio-'));
try {
  const bins = await locateFfmpeg({ ffmpegPath: process.env.FFMPEG_PATH, ffprobePath: process.env.FFPROBE_PATH });
  const source = path.join(dir, 'source-1080p.mp4');
  console.log(`generating a ${DURATION} s 1080p25 clip (noise, stereo) …`);
  await synthesizeClip(bins, { out: source, width: 1920, height: 1080, durationSec: DURATION, noise: true, label: 'bench-audio' });
  for (const [lang, f] of [['fr', 550], ['de', 770]] as const) {
    await runFfmpeg(bins, {
      inputs: [{ path: `sine=f=${f}:sample_rate=44100:d=${DURATION + 2}`, options: ['-f', 'lavfi'] }],
      globalOptions: ['-nostats', '-loglevel', 'error', '-y'],
      output: { path: path.join(dir, `commentary-${lang}.wav`), options: ['-af', 'volume=-20dB', '-ac', '2'] },
    });
  }

  const out = path.join(dir, 'programme');
  console.log(`baseline: transcode() full ladder, preset ${PRESET} …`);
  const [result, baseline] = await timed(() => transcode({ bins, input: source, outDir: out, preset: PRESET }));
  const videoPlaylist = path.join(out, result.variants[0]!.playlist);
  // the ladder's segment length, as its playlists state it
  const segmentDurationSec = (await readMediaPlaylist(videoPlaylist)).segments[0]!.durationSec;
  const common = { segmentDurationSec, videoDurationSec: result.durationSec, outDir: out, videoPlaylist };

  await packageAudioRendition(bins, { ...common, input: path.join(dir, 'commentary-fr.wav'), language: 'fr', role: 'commentary', name: 'audio_fr_commentary' });
  const [third, addFile] = await timed(() =>
    packageAudioRendition(bins, { ...common, input: path.join(dir, 'commentary-de.wav'), language: 'de', role: 'commentary', name: 'audio_de_commentary' }),
  );
  const [, addFromVideo] = await timed(() =>
    packageAudioRendition(bins, { ...common, input: source, language: 'es', role: 'commentary', name: 'audio_es_commentary' }),
  );
  const lowest = [...result.variants].sort((a, b) => a.width * a.height - b.width * b.height)[0]!;
  const [, iframes] = await timed(() => Promise.all(result.variants.map((v) => writeIFramePlaylist({ variantPlaylist: path.join(out, v.playlist) }))));
  const [, storyboard] = await timed(() => makeStoryboard(bins, { input: path.join(out, lowest.playlist), outDir: path.join(out, 'storyboard'), durationSec: result.durationSec }));

  const pct = (s: number) => `${((s / baseline) * 100).toFixed(1)} %`;
  console.log('');
  console.log(`clip: ${DURATION} s 1920x1080, ladder ${result.variants.map((v) => `${v.height}p`).join(' ')}, ${third.segmentDurations.length} segments`);
  console.log(`baseline transcode (full ladder + main audio): ${baseline.toFixed(2)} s`);
  console.log(`add 3rd language from a WAV file:              ${addFile.toFixed(2)} s  ratio ${pct(addFile)}`);
  console.log(`add a language from the 1080p video's audio:   ${addFromVideo.toFixed(2)} s  ratio ${pct(addFromVideo)}`);
  console.log(`  loudness de: source ${third.loudness.source.integratedLufs} LUFS / ${third.loudness.source.truePeakDbtp} dBTP → result ${third.loudness.result.integratedLufs} LUFS / ${third.loudness.result.truePeakDbtp} dBTP`);
  console.log(`I-frame playlists for ${result.variants.length} rungs:                ${iframes.toFixed(2)} s  ratio ${pct(iframes)}`);
  console.log(`storyboard from the ${lowest.height}p rung:              ${storyboard.toFixed(2)} s  ratio ${pct(storyboard)}`);
  const met = Math.max(addFile, addFromVideo) / baseline < 0.1;
  console.log(`target: adding a language < 10 % of the transcode → ${met ? 'met' : 'NOT met'}`);
  process.exitCode = met ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
