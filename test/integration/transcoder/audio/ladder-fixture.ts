/**
 * A small fMP4 HLS video ladder made with one plain ffmpeg command, so these tests do not
 * depend on Podium's own packager: 2 rungs (320x180, 256x144), 25 fps, IDR every 2 s, 2 s
 * segments, no audio. Shared by the audio and trick-play integration tests.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
export const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';

export async function ffmpeg(args: string[]): Promise<void> {
  await run(FFMPEG, ['-hide_banner', '-nostdin', '-y', '-v', 'error', ...args], { maxBuffer: 16 << 20 });
}

export async function ffprobe(args: string[]): Promise<any> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-print_format', 'json', ...args], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

export const SEGMENT_SEC = 2;

/** A source clip: testsrc2 video plus a 5.1 tone at `audioDb` below full scale sine level. */
export async function makeSource(file: string, durationSec: number, opts: { width?: number; height?: number; audioDb?: number } = {}): Promise<void> {
  const w = opts.width ?? 320;
  const h = opts.height ?? 180;
  await ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=s=${w}x${h}:r=25:d=${durationSec}`,
    '-f', 'lavfi', '-i', `sine=f=440:sample_rate=48000:d=${durationSec}`,
    '-filter_complex', `[1:a]volume=${opts.audioDb ?? 0}dB,pan=5.1|FL=c0|FR=c0|FC=c0|LFE=c0|BL=c0|BR=c0[a]`,
    '-map', '0:v', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '192k',
    file,
  ]);
}

/** Packages `source`'s video into `<dir>/r0` and `<dir>/r1` (index.m3u8, init.mp4, seg_NNNNN.m4s). */
export async function makeLadder(source: string, dir: string, durationSec: number): Promise<{ playlists: string[] }> {
  await mkdir(dir, { recursive: true });
  await ffmpeg([
    '-i', source,
    '-filter_complex', '[0:v]split=2[a][b];[b]scale=256:144[b2]',
    '-map', '[a]', '-map', '[b2]', '-an',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    '-b:v:0', '300k', '-b:v:1', '150k',
    '-g', '50', '-keyint_min', '50', '-sc_threshold', '0', '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SEC})`,
    '-t', String(durationSec),
    '-f', 'hls', '-hls_time', String(SEGMENT_SEC), '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', 'init.mp4', '-hls_flags', 'independent_segments',
    '-var_stream_map', 'v:0,name:r0 v:1,name:r1',
    '-hls_segment_filename', path.join(dir, '%v', 'seg_%05d.m4s'),
    path.join(dir, '%v', 'index.m3u8'),
  ]);
  return { playlists: [path.join(dir, 'r0', 'index.m3u8'), path.join(dir, 'r1', 'index.m3u8')] };
}
