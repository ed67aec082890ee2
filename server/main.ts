// Process entry: config → ffmpeg check → database + migrations → demo → worker → HTTP, and a
// graceful shutdown on SIGINT/SIGTERM. Start-up failures print one line and exit 1.
// `--worker` (npm run worker): a worker-only process instead (server/worker-process.ts).
import { FfmpegMissingError, locateFfmpeg } from '../transcoder/index.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startPodium } from './podium.js';
import { startWorkerProcess } from './worker-process.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fatal(`configuration error: ${err.message}`);
    throw err;
  }
  const logger = createLogger(config);
  let bins;
  try {
    bins = await locateFfmpeg({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath });
  } catch (err) {
    if (err instanceof FfmpegMissingError) fatal(err.message);
    throw err;
  }
  // A lost database or Redis connection surfaces in some library's promise nobody awaits: logged,
  // never fatal (requests answer 503 meanwhile and the pools reconnect).
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection (the process goes on)'));
  const podium = process.argv.includes('--worker') ? await startWorkerProcess({ config, logger, bins }) : await startPodium({ config, logger, bins });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    podium.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function fatal(line: string): never {
  process.stderr.write(`podium: ${line.split('\n')[0]}\n`);
  process.exit(1);
}

main().catch((err: unknown) => {
  fatal(err instanceof Error ? err.message : String(err));
});
