// The shapes server, studio and player exchange, in one place. Types only, importing nothing:
// clients take them with `import type` (erased by esbuild, so no server code reaches a bundle),
// and the server types what it produces against them.

export type { ProgrammeAudio, ProgrammeItem, ProgrammeListPage, ProgrammeStatus, ProgrammeSubtitle, SearchResults } from './programme.js';
export type { RegionItem, RegionsResponse } from './regions.js';
export type { DeferredIconAttr, FirstFrameDataId, FirstFrameLive, FirstFrameStageId, FirstFrameStart, FirstFrameTrack, LiveSyncDurationSec } from './first-frame.js';
export type { ChannelAiring, ChannelGuide, ChannelItem, ChannelList, GuideItem } from './channel.js';
export type { QoeBeacon, QoeBeaconBatch } from './qoe.js';
export type { PlayerChunkDir, PrecompressedCoding, PrecompressedSuffixes } from './player-files.js';

/** True when A and B are assignable both ways (for compile-time checks that a zod schema and a contract agree). */
export type Agrees<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A compile-time assertion: `T` must be `true` (use as `export type X = Assert<Agrees<…>>`). */
export type Assert<T extends true> = T;
