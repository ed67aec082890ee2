// npm run bench:audio — issue 5's benchmark: adding a third audio language to a 1080p programme
// must take less than 10 % of the original transcode. Baseline: Podium's transcode() (one ffmpeg
// process for the full ladder + loudness-normalized main audio, then I-frame playlists and the
// storyboard) of a generated 1080p clip. Then a second language is added untimed and the third
// timed, the way the audio job does it (stageAudioTrack + composeRendition: package the audio,
// new folder with the video hard-linked, master rewritten, verified): from a separate WAV file,
// and from the first audio stream of the 1080p video upload.
// Env: BENCH_DURATION (s, default 20), BENCH_PRESET (x264 preset, default veryfast).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeRendition, locateFfmpeg, readManifest, stageAudioTrack, synthesizeClip, transcode, verify } from '../../transcoder/index.js';
import { runFfmpeg } from '../../transcoder/ffmpeg/command.js';

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
  console.log(`baseline: transcode() full ladder + loudness-normalized main audio + trick play, preset ${PRESET} …`);
  const [result, baseline] = await timed(() => transcode({ bins, input: source, outDir: out, preset: PRESET }));

  // What the audio job runs (server/catalog/tracks.ts): package the language beside the video
  // (measure, loudnorm, AAC, segment on the video's boundaries), then a new rendition folder with
  // everything else hard-linked, master rewritten from podium.json, verified, renamed into place.
  let current = out;
  let n = 0;
  const addLanguage = async (input: string, language: string) => {
    const staged = await stageAudioTrack(bins, { fromDir: current, stagingDir: path.join(dir, `staging-${n}`), input, language, role: 'commentary' });
    const next = path.join(dir, `programme-${++n}`);
    await composeRendition(current, next, { addAudio: [staged] });
    current = next;
    return staged.track;
  };
  await addLanguage(path.join(dir, 'commentary-fr.wav'), 'fr');
  const [third, addFile] = await timed(() => addLanguage(path.join(dir, 'commentary-de.wav'), 'de'));
  const [, addFromVideo] = await timed(() => addLanguage(source, 'es'));
  const manifest = await readManifest(current);
  const report = await verify(current);

  const pct = (s: number) => `${((s / baseline) * 100).toFixed(1)} %`;
  console.log('');
  console.log(`clip: ${DURATION} s 1920x1080, ladder ${result.variants.map((v) => `${v.height}p`).join(' ')}, ${manifest.segmentDurations.length} segments`);
  console.log(`baseline transcode (ladder + main audio + trick play): ${baseline.toFixed(2)} s`);
  console.log(`add 3rd language (de) from a WAV file:                 ${addFile.toFixed(2)} s  ratio ${pct(addFile)}`);
  console.log(`add a 4th language from the 1080p video's audio:       ${addFromVideo.toFixed(2)} s  ratio ${pct(addFromVideo)}`);
  const main = result.audio!.loudness;
  console.log(`  loudness main: source ${main.source.integratedLufs} LUFS / ${main.source.truePeakDbtp} dBTP → result ${main.result.integratedLufs} LUFS / ${main.result.truePeakDbtp} dBTP`);
  console.log(`  loudness de:   source ${third.loudness!.source.integratedLufs} LUFS / ${third.loudness!.source.truePeakDbtp} dBTP → result ${third.loudness!.result.integratedLufs} LUFS / ${third.loudness!.result.truePeakDbtp} dBTP`);
  console.log(`final folder: ${manifest.audio.map((a) => a.language).join(', ')}; verify problems: ${report.problems.length}`);
  const met = Math.max(addFile, addFromVideo) / baseline < 0.1 && report.problems.length === 0;
  console.log(`target: adding a language < 10 % of the transcode → ${met ? 'met' : 'NOT met'}`);
  process.exitCode = met ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
