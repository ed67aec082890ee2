// GET /channel/:id: a live channel's page, with its first frame in it as the watch page has its own
// (watch-page.ts): the live edge's start for the viewer's region (server/channel/live-start.ts),
// played by first-frame.js before the app has loaded. A channel that cannot start that way (not
// found, not offered here, not ready, a ladder the fast path does not know) gets the plain app
// page, which says why.
import type { RequestHandler } from 'express';
import type { LiveStarts } from '../../channel/live-start.js';
import { viewerOf } from '../middleware/viewer.js';
import { idSchema } from './programmes.js';
import { firstFramePageHandler } from './watch-page.js';

export interface ChannelPageDeps {
  playerDir: string;
  starts: LiveStarts;
}

export function channelPageHandler(deps: ChannelPageDeps): RequestHandler {
  return firstFramePageHandler(deps.playerDir, async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    return id.success ? deps.starts.forChannel(id.data, viewerOf(res).region) : null;
  });
}
