/**
 * `npm run bench`: the same generated 1080p clip packaged three ways, wall time of each.
 *
 *   podium   transcode(): probe → one ffmpeg process for the whole ladder → poster → measure →
 *            master playlist → verify → rename
 *   (a)      one ffmpeg process per rendition (each rung, then the audio), run one after the
 *            other as a per-resolution job queue does, with the same filters, encoder and muxer
 *            arguments (built by the same functions as Podium's packager)
 *   (b)      the bare ffmpeg command Podium runs (same argv), nothing else
 *
 * Targets: podium ≥ 1.4× faster than (a); podium within 5 % of (b).
 * Env: BENCH_SECONDS (default 20), BENCH_FPS (25), BENCH_REPEAT (1; the best run of each counts),
 * BENCH_PRESET (veryfast, Podium's default), FFMPEG_PATH / FFPROBE_PATH.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ffmpegArgv, type FfmpegSpec } from '../../transcoder/ffmpeg/command.js';
import { locateFfmpeg, planLadder, probe, synthesizeClip, transcode } from '../../transcoder/index.js';
import {
  audioEncoderArgs,
  audioFilter,
  buildPackageSpec,
  hlsMuxerArgs,
  inputSpec,
  rungFilter,
  videoEncoderArgs,
} from '../../transcoder/package.js';
import type { FfmpegBinaries, Ladder, SourceInfo } from '../../transcoder/types.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const FPS = Number(process.env.BENCH_FPS ?? 25);
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
const PRESET = process.env.BENCH_PRESET ?? 'veryfast';

function spawnFfmpeg(bins: FfmpegBinaries, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bins.ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${err}`))));
  });
}

/** (a): one process per rung and one for the audio, same arguments as the single-process packager. */
function perRungSpecs(source: SourceInfo, ladder: Ladder, dir: string): FfmpegSpec[] {
  const pre = ladder.preFilter ? `${ladder.preFilter},` : '';
  const common = ['-nostats', '-loglevel', 'error'];
  const specs: FfmpegSpec[] = ladder.rungs.map((rung) => ({
    inputs: inputSpec(source),
    globalOptions: [...common, '-filter_complex', `[0:${source.video.index}]${pre}${rungFilter(rung, ladder)}[v0]`],
    output: {
      path: `${dir}/${rung.name}/index.m3u8`,
      options: [
        '-map', '[v0]',
        ...videoEncoderArgs(rung, 0, ladder, PRESET),
        '-t', ladder.durationSec.toFixed(6), '-map_metadata', '-1', '-map_chapters', '-1',
        ...hlsMuxerArgs(ladder, null, `${dir}/${rung.name}/seg_%05d.m4s`),
      ],
    },
  }));
  if (ladder.audio) {
    specs.push({
      inputs: inputSpec(source),
      globalOptions: [...common, '-filter_complex', `[0:${ladder.audio.streamIndex}]${audioFilter(ladder)}[a0]`],
      output: {
        path: `${dir}/audio/index.m3u8`,
        options: [
          '-map', '[a0]',
          ...audioEncoderArgs(ladder),
          '-t', ladder.durationSec.toFixed(6),
          ...hlsMuxerArgs(ladder, null, `${dir}/audio/seg_%05d.m4s`),
        ],
      },
    });
  }
  return specs;
}

/** CPU seconds used so far by this process and its waited-for children (Linux /proc). */
function cpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    // fields 14-17 of proc(5): utime stime cutime cstime, in clock ticks (CLK_TCK = 100)
    return (f[11]! + f[12]! + f[13]! + f[14]!) / 100;
  } catch {
    return NaN;
  }
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(fn: () => Promise<void>): Promise<Timing> {
  const cpu = cpuSeconds();
  const t = process.hrtime.bigint();
  await fn();
  return { wall: Number(process.hrtime.bigint() - t) / 1e9, cpu: cpuSeconds() - cpu };
}

const better = (a: Timing, b: Timing): Timing => (b.wall < a.wall ? b : a);

async function main(): Promise<void> {
  const bins = await locateFfmpeg({ ffmpegPath: process.env.FFMPEG_PATH, ffprobePath: process.env.FFPROBE_PATH });
  const work = await mkdtemp(join(tmpdir(), 'podium-bench-'));
  try {
    const clip = join(work, 'source.mp4');
    process.stdout.write(`generating a ${SECONDS} s 1920x1080@${FPS} clip with stereo audio…\n`);
    await synthesizeClip(bins, { out: clip, width: 1920, height: 1080, fps: FPS, durationSec: SECONDS, noise: true, label: 'bench' });
    const source = await probe(bins, clip);
    const ladder = planLadder(source);
    process.stdout.write(`ladder: ${ladder.rungs.map((r) => `${r.width}x${r.height}@${r.fps} ${(r.videoBitrate / 1e6).toFixed(1)}M`).join(', ')}; preset ${PRESET}; ${REPEAT} run(s) each\n`);

    const none: Timing = { wall: Infinity, cpu: Infinity };
    const best = { podium: none, a: none, b: none };
    for (let i = 0; i < REPEAT; i++) {
      const round = join(work, `run${i}`);
      await mkdir(round);

      const bDir = join(round, 'b');
      await mkdir(bDir);
      const bArgs = ffmpegArgv(bins, buildPackageSpec(source, ladder, bDir, { preset: PRESET }));
      best.b = better(best.b, await timed(() => spawnFfmpeg(bins, bArgs)));

      best.podium = better(best.podium, await timed(async () => {
        await transcode({ bins, input: clip, outDir: join(round, 'podium'), preset: PRESET });
      }));

      const aDir = join(round, 'a');
      best.a = better(best.a, await timed(async () => {
        for (const spec of perRungSpecs(source, ladder, aDir)) {
          await mkdir(dirname(spec.output.path), { recursive: true });
          await spawnFfmpeg(bins, ffmpegArgv(bins, spec));
        }
      }));
      await rm(round, { recursive: true, force: true });
    }

    const f = (t: Timing): string => `wall ${t.wall.toFixed(2).padStart(7)} s   cpu ${t.cpu.toFixed(2).padStart(7)} s`;
    const speedup = best.a.wall / best.podium.wall;
    const overhead = best.podium.wall / best.b.wall - 1;
    const load = loadavg()[0]!.toFixed(1);
    const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
    process.stdout.write(
      [
        '',
        `podium transcode()                    ${f(best.podium)}`,
        `(a) one ffmpeg process per rendition  ${f(best.a)}`,
        `(b) bare ffmpeg command               ${f(best.b)}`,
        '',
        `podium vs (a): ${speedup.toFixed(2)}x faster on wall time (target ≥ 1.40x) ${speedup >= 1.4 ? 'OK' : 'MISSED'};` +
          ` ${(best.a.cpu / best.podium.cpu).toFixed(2)}x less CPU`,
        `podium vs (b): ${pct(overhead)} wall time (target ≤ +5 %) ${overhead <= 0.05 ? 'OK' : 'MISSED'};` +
          ` ${pct(best.podium.cpu / best.b.cpu - 1)} CPU`,
        `(load average at the end: ${load} on ${cpus().length} cores; wall times are only comparable on an idle machine)`,
        '',
      ].join('\n'),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
