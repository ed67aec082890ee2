// A small HLS ladder (a master, its variants' and audio renditions' media playlists) for tests
// of the first frame's start (server/catalog/ladder-start.ts) and the watch page.

export const MASTER = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="fr",NAME="Français",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="audio_fr/index.m3u8"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="en",NAME="English",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/index.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=2400000,AVERAGE-BANDWIDTH=2000000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=960x540,AUDIO="aud"
540p25/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=500000,CODECS="avc1.64000d,mp4a.40.2",RESOLUTION=416x234,AUDIO="aud"
234p25/index.m3u8
`;

export function media(dir: string, segments: number): string {
  const segs = Array.from({ length: segments }, (_, i) => `#EXTINF:2.000,\nseg_${String(i).padStart(5, '0')}.m4s`).join('\n');
  return `#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI="init_0.mp4"\n${segs}\n#EXT-X-ENDLIST\n`.replace(/init_0/, `init_${dir.length}`);
}

export const files: Record<string, string> = {
  '540p25/index.m3u8': media('540p25', 5),
  'audio/index.m3u8': media('audio', 5),
  'audio_fr/index.m3u8': media('audio_fr', 5),
  '234p25/index.m3u8': media('234p25', 5),
};
export const read = async (uri: string) => files[uri] ?? null;
