/** Trick play: seek-preview storyboards and I-frame playlists. */
export { makeStoryboard, type StoryboardOptions, type Storyboard } from './storyboard.js';
export { writeIFramePlaylist, type IFramePlaylistOptions, type IFramePlaylist } from './iframes.js';
export { firstKeyframeRange, readVideoInit, readBoxes, findBox, type KeyframeRange, type VideoInit, type Box } from '../mp4-boxes.js';
export { packageTrickPlay, type TrickPlayOptions, type TrickPlay } from './package-trick-play.js';
