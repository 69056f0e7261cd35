/**
 * `stowage explore IMAGE`: reads the image once, then serves the web explorer on loopback with a
 * random access token in the one URL it prints; Ctrl-C (or SIGTERM) stops it.
 */
import { spawn } from 'node:child_process';
import { startExploreServer } from '../../server/explore-server.js';
import { loadWebAssets } from '../../server/web-assets.js';
import { buildAuditReport } from '../../report/audit-report.js';
import type { Command, CommandContext } from '../command.js';
import { whenStopped } from '../stop-signals.js';
import { packageVersion } from '../version.js';
import { intOption } from './int-option.js';
import { AGAINST_OPTION, BASE_OPTION, loadForExplorer } from './explore-load.js';

/** EXPLORE_SCHEMA is the schema of the one JSON line `explore --format json` prints. */
export const EXPLORE_SERVER_SCHEMA = 'stowage.explore-server/v1';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * serve reads the image, starts the audit and the server (its findings reach the page through
 * /api/audit when the scan ends); the model is not kept past the server's start.
 */
async function serve(ctx: CommandContext, host: string, port: number) {
  const assets = await loadWebAssets();
  const { image, model } = await loadForExplorer(ctx, true);
  const reference = model.inspect.reference;
  const stopAudit = new AbortController();
  const audit = buildAuditReport(image, { toolVersion: packageVersion(), signal: stopAudit.signal });
  try {
    const server = await startExploreServer({ model, image, assets, host, port, audit });
    return { server, reference, stopAudit };
  } catch (e) {
    stopAudit.abort();
    throw e;
  }
}

/** exploreCommand serves the explorer. */
export const exploreCommand: Command = {
  name: 'explore',
  summary: 'open a web explorer of the image: layers, file trees, waste, secrets, file contents',
  synopsis: 'IMAGE',
  description:
    'Reads IMAGE, then serves the explorer on 127.0.0.1 (a free port unless --port) and prints one URL\n' +
    'holding a random access token; requests without it get 403. --host binds another address (with a\n' +
    'warning: anyone who can reach it and has the URL can read the image). Ctrl-C stops the server.\n' +
    'With --format json prints {"schema":"stowage.explore-server/v1","url":…} as one line once listening.',
  options: [
    AGAINST_OPTION,
    BASE_OPTION,
    { name: 'port', type: 'string', valueName: 'P', description: 'port to listen on (default: a free one)' },
    { name: 'host', type: 'string', valueName: 'ADDR', description: 'address to bind (default 127.0.0.1)' },
    { name: 'open', type: 'boolean', description: 'open the URL in the desktop’s browser (xdg-open)' },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const port = intOption(ctx.values.port, 'port', 0);
    const host = typeof ctx.values.host === 'string' ? ctx.values.host : '127.0.0.1';
    const { server, reference, stopAudit } = await serve(ctx, host, port);
    if (!LOOPBACK.has(host)) {
      ctx.io.stderr.write(
        `stowage: warning: listening on ${host}, not loopback: anyone who can reach it and has the URL can read this image\n`,
      );
    }
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify({ schema: EXPLORE_SERVER_SCHEMA, url: server.url })}\n`
        : `stowage explorer for ${reference}\n${server.url}\n(Ctrl-C stops it)\n`,
    );
    if (ctx.values.open === true) {
      spawn('xdg-open', [server.url], { stdio: 'ignore', detached: true })
        .on('error', () =>
          ctx.io.stderr.write('stowage: warning: could not run xdg-open; open the URL yourself\n'),
        )
        .unref();
    }
    await whenStopped();
    stopAudit.abort(); // a scan still running must not keep the process alive
    await server.close();
  },
};
