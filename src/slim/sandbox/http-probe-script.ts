/**
 * The HTTP probe's client: a small Node script run by the host's `node` inside the sandbox's network
 * namespace (through nsenter), so it reaches the application on that namespace's loopback. It
 * retries refused connections until its deadline and prints one JSON line: status, body hash, bytes.
 */

/** HTTP_PROBE_SCRIPT is run as `node -e HTTP_PROBE_SCRIPT URL DEADLINE_MS`. */
export const HTTP_PROBE_SCRIPT = `
const http = require('node:http');
const { createHash } = require('node:crypto');
const [url, ms] = process.argv.slice(1);
const deadline = Date.now() + Number(ms);
function attempt() {
  const req = http.get(url, { timeout: Math.max(100, deadline - Date.now()) }, (res) => {
    const hash = createHash('sha256');
    let bytes = 0;
    res.on('data', (c) => { hash.update(c); bytes += c.length; });
    res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, bodySha256: hash.digest('hex'), bodyBytes: bytes })));
  });
  req.on('timeout', () => req.destroy(new Error('timed out')));
  req.on('error', (e) => {
    if (Date.now() + 100 < deadline && (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET')) setTimeout(attempt, 100);
    else console.log(JSON.stringify({ error: e.code || e.message }));
  });
}
attempt();
`;
