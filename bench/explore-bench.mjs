/* global document, requestAnimationFrame, Event -- the page.evaluate callbacks run in the browser */
// The explorer's bench (not a test): a generated image with 1,000,000 paths — time from `explore`
// start to the first paint of the layer list in chromium, time to render a window of rows after a
// jump to the middle of the fully expanded tree, the server's peak RSS — and for the 100k-file image
// the size of `report.html` and its load time in chromium. The baseline, run in the same command, is
// reading the same layers with `gzip -dc | tar -t`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureAnalyzeImages, layout, writeImage, writeLayer } from './analyze-image-gen.mjs';

const OUT = join(import.meta.dirname, 'out');
const DIST = process.env.STOWAGE_DIST ?? join(import.meta.dirname, '..', 'dist');
const CLI = join(DIST, 'cli', 'main.js');
const log = (m) => process.stderr.write(`${m}\n`);

/** millionEntries: 1,000 directories of 1,000 small files each (1,001,000 paths). */
function millionEntries() {
  const entries = [];
  for (let d = 0; d < 1000; d++) {
    entries.push({ dir: true, path: `srv/d${d}` });
    for (let f = 0; f < 1000; f++)
      entries.push({ path: `srv/d${d}/f${f}.dat`, size: (d * 1000 + f) % 97, seed: f });
  }
  return entries;
}

async function ensureMillion() {
  const dir = join(OUT, 'explore', 'million');
  if (!existsSync(join(dir, 'index.json'))) {
    log('generating the 1,000,000-path image …');
    layout(dir);
    writeImage(dir, [await writeLayer(dir, millionEntries())]);
  }
  return dir;
}

function baseline(dir) {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const manifest = JSON.parse(
    readFileSync(join(dir, 'blobs', 'sha256', index.manifests[0].digest.slice(7)), 'utf8'),
  );
  const start = performance.now();
  for (const l of manifest.layers) {
    execFileSync('sh', [
      '-c',
      `gzip -dc "$1" | tar -t > /dev/null`,
      'sh',
      join(dir, 'blobs', 'sha256', l.digest.slice(7)),
    ]);
  }
  return (performance.now() - start) / 1000;
}

function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

function peakRss(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

async function exploreBench(browser, dir) {
  const start = performance.now();
  const child = spawn(process.execPath, [CLI, 'explore', '--format', 'json', `oci:${dir}:bench`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]).url);
    });
    child.once('exit', (code) => reject(new Error(`explore exited ${code}`)));
  });
  const listening = (performance.now() - start) / 1000;
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await page.goto(url);
  await page.waitForSelector('.layer', { timeout: 600_000 });
  const firstPaint = (performance.now() - start) / 1000;
  const expandStart = performance.now();
  await page.keyboard.press('e');
  await page.waitForFunction(
    () => Number(document.querySelector('.row-count')?.textContent?.split(' ')[0]) > 1_000_000,
    null,
    { timeout: 600_000 },
  );
  const expandAll = (performance.now() - expandStart) / 1000;
  const jumps = await page.evaluate(async () => {
    const el = document.querySelector('.tree-scroll');
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const times = [];
    for (const at of [0.5, 0.25, 0.75, 0.5, 0.9, 0.1, 0.6]) {
      const t0 = performance.now();
      el.scrollTop = el.scrollHeight * at;
      el.dispatchEvent(new Event('scroll'));
      await frame();
      times.push(performance.now() - t0);
      if (document.querySelectorAll('.tree-body .row').length === 0) throw new Error('no rows rendered');
    }
    return times;
  });
  const rss = peakRss(child.pid);
  child.kill('SIGINT');
  await page.close();
  jumps.sort((a, b) => a - b);
  return {
    listening,
    firstPaint,
    expandAll,
    jumpMedianMs: jumps[Math.floor(jumps.length / 2)],
    jumpMaxMs: jumps[jumps.length - 1],
    serverPeakRss: rss,
  };
}

async function reportBench(browser, dir) {
  const out = join(OUT, 'explore', 'report-100k.html');
  const start = performance.now();
  execFileSync(process.execPath, [CLI, 'report', `oci:${dir}:bench`, '--out', out], { stdio: 'inherit' });
  const write = (performance.now() - start) / 1000;
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const t0 = performance.now();
  await page.goto(pathToFileURL(out).href);
  await page.waitForSelector('.row', { timeout: 600_000 });
  const load = (performance.now() - t0) / 1000;
  await page.close();
  return { bytes: statSync(out).size, write, load };
}

const million = await ensureMillion();
const { many } = await ensureAnalyzeImages(OUT, log);
const browser = await launch();
log('1M paths: baseline (gzip -dc | tar -t) …');
const base1m = baseline(million);
log('1M paths: explore …');
const ex = await exploreBench(browser, million);
log('100k paths: report …');
const base100k = baseline(many);
const rep = await reportBench(browser, many);
await browser.close();
const result = {
  million: { baselineSeconds: base1m, ...ex, firstPaintVsBaseline: ex.firstPaint / base1m },
  hundredK: { baselineSeconds: base100k, report: rep, reportWriteVsBaseline: rep.write / base100k },
  load: readFileSync('/proc/loadavg', 'utf8').trim(),
};
console.log(JSON.stringify(result, null, 2));
