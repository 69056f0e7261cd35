/// <reference lib="dom" />
/**
 * The explorer in a real browser (Debian's chromium via playwright-core), on the sample image and on
 * an image built with umoci (an opaque directory, a deleted directory, an overwrite, a chmod-only
 * copy, an HTML page and an SVG carrying script): the layer list is `inspect --format json`, each
 * layer's rows are `tree --layer N`, the last layer's filesystem is `tree --merged`; a waste entry
 * selects its layer and path; a download is byte-equal to GNU tar's; the keyboard alone reaches a file
 * and collapses its directory; a deep link survives a reload; the report opens from file:// making no
 * request; script inside the image never runs; a layer damaged while serving shows an error panel.
 * With STOWAGE_SCREENSHOTS=DIR the views are saved as PNGs there (the README's pictures).
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditReport } from '../../src/report/audit-types.js';
import type { DiffReport } from '../../src/report/diff-report.js';
import type { InspectReport } from '../../src/report/inspect-types.js';
import type { TreeDocument } from '../../src/report/tree-report.js';
import type { WasteDocument } from '../../src/report/waste-report.js';
import { readWithPython, run, writeSample } from '../cli/cli-harness.js';
import { describeWithTools } from '../helpers/tools.js';
import { allRows, launchChromium, selection } from './browser.js';
import { buildCraftedImage, HOSTILE_HTML } from './crafted-image.js';
import { CLI, type Explorer, startExplore } from './explore-process.js';
import { layerFileBytes } from './tar-extract.js';
import { treeRows } from './view-oracle.js';

let dir: string;
let archive: string;
let sampleRef: string;
let craftedRef: string;
let browser: Browser;
const explorers: Explorer[] = [];
const shots = process.env.STOWAGE_SCREENSHOTS;

async function cli<T>(...args: string[]): Promise<T> {
  const r = await run([...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

async function explore(...args: string[]): Promise<Explorer> {
  const e = await startExplore(args);
  explorers.push(e);
  return e;
}

async function openPage(url: string, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
  await page.goto(url + hash);
  await page.waitForSelector('.layer');
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: join(shots, `explorer-${name}.png`) });
}

async function selectLayer(page: Page, layer: number, mode: 'changes' | 'fs'): Promise<void> {
  await page.click(`.layer[data-layer="${layer}"]`);
  await page.click(`.seg button[data-mode="${mode}"]`);
  await page.waitForFunction(
    ([l, m]) =>
      document.querySelector<HTMLElement>('.layer.selected')?.dataset.layer === String(l) &&
      document.querySelector<HTMLElement>('.seg button.on[data-mode]')?.dataset.mode === m,
    [layer, mode] as const,
  );
}

describeWithTools('explorer in chromium', ['chromium', 'umoci', 'tar'], () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-explorer-browser-'));
    archive = await writeSample(dir);
    sampleRef = `docker-archive:${archive}`;
    craftedRef = `oci:${await buildCraftedImage(dir)}:final`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const e of explorers) await e.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows every layer as inspect, each layer’s rows as tree --layer N, the last filesystem as tree --merged', async () => {
    for (const ref of [sampleRef, craftedRef]) {
      const e = await explore(ref);
      const page = await openPage(e.url);
      const inspect = await cli<InspectReport>('inspect', ref);
      const shown = await page.$$eval('.layer[data-layer]', (els) =>
        els.map((el) => ({
          index: Number((el as HTMLElement).dataset.layer),
          createdBy: el.getAttribute('title'),
          compressedSize: Number((el as HTMLElement).dataset.compressed),
          uncompressedSize: Number((el as HTMLElement).dataset.uncompressed),
          entries: Number((el as HTMLElement).dataset.entries),
        })),
      );
      expect(shown).toEqual(
        inspect.layers.map((l) => ({
          index: l.index,
          createdBy: l.createdBy ?? '',
          compressedSize: l.compressedSize,
          uncompressedSize: l.uncompressedSize,
          entries: l.entries,
        })),
      );
      for (const l of inspect.layers) {
        await selectLayer(page, l.index, 'changes');
        const doc = await cli<TreeDocument>('tree', ref, '--layer', String(l.index), '--sort', 'size');
        expect(await allRows(page), `${ref} layer ${l.index}`).toEqual(
          treeRows(doc).map(({ path, change }) => ({ path, change })),
        );
      }
      const last = inspect.layers.length - 1;
      await selectLayer(page, last, 'fs');
      await page.click('button[data-category="removed"]');
      const merged = await cli<TreeDocument>('tree', ref, '--merged', '--sort', 'size');
      expect((await allRows(page)).map((r) => r.path)).toEqual(merged.nodes.map((n) => n.path));
      await page.click('button[data-category="removed"]');
      if (ref === sampleRef) await shoot(page, 'filesystem');
      await page.close();
    }
  });

  it('marks the opaque directory, the deleted directory, the overwrite and the chmod-only copy', async () => {
    const e = await explore(craftedRef);
    const page = await openPage(e.url);
    await selectLayer(page, 1, 'changes');
    const l1 = new Map((await allRows(page)).map((r) => [r.path, r.change]));
    expect(l1.get('data/big.bin')).toBe('modified');
    expect(l1.get('etc/app.conf')).toBe('metadata');
    expect(l1.get('tmp/old')).toBe('deleted');
    expect(l1.get('tmp/old/deeper/y.log')).toBe('deleted');
    await selectLayer(page, 2, 'changes');
    const l2 = new Map((await allRows(page)).map((r) => [r.path, r.change]));
    expect(l2.get('opq/old')).toBe('hidden');
    expect(l2.get('opq/sub/old2')).toBe('hidden');
    expect(l2.get('opq/new')).toBe('added');
    await page.close();
  });

  it('collapses the base image’s layers behind one row', async () => {
    // `t` is the crafted image before its last layer: a base of two layers
    const e = await explore(craftedRef, '--base', craftedRef.replace(/:final$/, ':t'));
    const page = await openPage(e.url, '#layer=2');
    await page.waitForSelector('.base-row');
    expect(await page.textContent('.base-row')).toContain('2 layers');
    const shownLayers = () =>
      page.$$eval('.layer[data-layer]', (els) => els.map((el) => (el as HTMLElement).dataset.layer));
    expect(await shownLayers()).toEqual(['2']);
    await page.click('.base-row');
    expect(await shownLayers()).toEqual(['0', '1', '2']);
    await page.close();
  });

  it('selects the causing layer and reveals the path when a waste entry is clicked', async () => {
    const e = await explore(sampleRef);
    const page = await openPage(e.url);
    const waste = await cli<WasteDocument>('waste', sampleRef, '--top', '500');
    await shoot(page, 'waste');
    for (const top of waste.topPaths.slice(0, 3)) {
      await page.click(`[data-waste-path="${top.path}"]`);
      await page.waitForFunction(
        (p) => document.querySelector<HTMLElement>('.row.selected')?.dataset.path === p,
        top.path,
      );
      expect(await selection(page)).toEqual({
        layer: top.versions[0]?.killedBy,
        path: top.path,
        mode: 'changes',
      });
    }
    await page.close();
  });

  it('lists the audit’s findings, redacted as the CLI redacts them, once the scan ends', async () => {
    const e = await explore(sampleRef);
    const page = await openPage(e.url, '#panel=secrets');
    await page.waitForSelector('.finding', { timeout: 60_000 });
    // audit exits 1 when a finding reaches --fail-on; the document is printed all the same
    const audit = JSON.parse((await run(['audit', sampleRef, '--format', 'json'])).stdout) as AuditReport;
    const shown = await page.$$eval('.finding', (els) =>
      els.map((el) => ({
        rule: (el as HTMLElement).dataset.rule,
        excerpt: el.querySelector('.excerpt')?.textContent ?? null,
      })),
    );
    expect(shown).toEqual(audit.findings.map((f) => ({ rule: f.ruleId, excerpt: f.excerpt })));
    await shoot(page, 'secrets');
    const located = audit.findings.find((f) => f.layer !== null && f.path !== null);
    expect(located).toBeDefined();
    await page.click(`.finding[data-rule="${located?.ruleId}"]`);
    await page.waitForFunction(
      (p) => document.querySelector<HTMLElement>('.row.selected')?.dataset.path === p,
      located?.path,
    );
    expect((await selection(page)).layer).toBe(located?.layer?.index);
    await page.close();
  });

  it('downloads a lower layer’s version of an overwritten file, byte-equal to tar -xO of that layer', async () => {
    const e = await explore(sampleRef);
    const page = await openPage(e.url, '#layer=5&view=changes&path=app/data/model.bin&panel=file');
    // layer 5 overwrote it; the history leads to layer 2, whose version is the one to fetch
    await page.click('[data-panel="history"]');
    await page.click('[data-history-layer="2"]');
    await page.click('[data-panel="file"]');
    await page.waitForSelector('.file-panel .download');
    expect(await page.textContent('.file-panel h3')).toContain('as stored in layer 2');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.file-panel .download'),
    ]);
    const got = await readFile((await download.path()) as string);
    const member = readWithPython(archive).manifest[0]?.Layers[2] as string;
    const want = layerFileBytes(archive, member, 'app/data/model.bin');
    expect(got.equals(want)).toBe(true);
    expect(
      got.equals(
        layerFileBytes(
          archive,
          readWithPython(archive).manifest[0]?.Layers[5] as string,
          'app/data/model.bin',
        ),
      ),
    ).toBe(false);
    await page.waitForSelector('.file-panel pre.content');
    await shoot(page, 'file');
    await page.close();
  });

  it('reaches a file and collapses its directory with the keyboard alone', async () => {
    const e = await explore(sampleRef);
    const page = await openPage(e.url);
    // layer 0, sorted by size: bin, bin/busybox, …
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
    expect((await selection(page)).path).toBe('bin/busybox');
    expect((await allRows(page)).map((r) => r.path)).toContain('bin/busybox');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => !document.querySelector('.row[data-path="bin/busybox"]'));
    expect((await selection(page)).path).toBe('bin');
    expect((await allRows(page)).some((r) => r.path.startsWith('bin/'))).toBe(false);
    await page.keyboard.press(' ');
    await page.waitForSelector('.row[data-path="bin/busybox"]');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect((await selection(page)).layer).toBe(1);
    await page.keyboard.press('?');
    await page.waitForSelector('.overlay');
    await shoot(page, 'keys');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.overlay', { state: 'detached' });
    await page.close();
  });

  it('restores layer, path and view from a reloaded deep link', async () => {
    const e = await explore(sampleRef);
    const page = await openPage(e.url);
    await selectLayer(page, 3, 'fs');
    await page.click('.row[data-path="app/config.yml"]');
    const before = await selection(page);
    expect(before).toEqual({ layer: 3, path: 'app/config.yml', mode: 'fs' });
    const url = page.url();
    expect(url).toContain('#');
    await page.reload();
    await page.waitForSelector('.row.selected');
    expect(await selection(page)).toEqual(before);
    const fresh = await openPage(url);
    await fresh.waitForSelector('.row.selected');
    expect(await selection(fresh)).toEqual(before);
    await page.close();
    await fresh.close();
  });

  it('opens report.html from file:// with every network request blocked, making none', async () => {
    const out = join(dir, 'report.html');
    const r = await run(['report', sampleRef, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).not.toMatch(/\b(src|href)="https?:/);
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    const requests: string[] = [];
    await context.route(
      (url) => url.protocol !== 'file:',
      (route) => {
        requests.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    page.on('request', (req) => {
      if (req.url() !== pathToFileURL(out).href) requests.push(req.url());
    });
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector('.row');
    await page.click('[data-panel="treemap"]');
    await page.waitForSelector('.treemap .box');
    await shoot(page, 'treemap');
    const box = page.locator('.treemap .box.d2').first();
    const boxPath = await box.getAttribute('data-path');
    await box.click();
    await page.waitForFunction(
      (p) => document.querySelector<HTMLElement>('.row.selected')?.dataset.path === p,
      boxPath,
    );
    expect(requests).toEqual([]);
    expect(await page.$('.error-panel')).toBeNull();
    await context.close();
  });

  it('gives 403 to a page without the token, and never runs script from inside the image', async () => {
    const e = await explore(craftedRef);
    const bare = await browser.newPage();
    const res = await bare.goto(new URL(e.url).origin + '/');
    expect(res?.status()).toBe(403);
    await bare.close();
    const page = await openPage(e.url, '#layer=0&view=changes&path=www/index.html&panel=file');
    await page.waitForSelector('.file-panel pre.content');
    expect(await page.textContent('.file-panel pre.content')).toBe(HOSTILE_HTML);
    await page.click('.row[data-path="www/logo.svg"]');
    await page.waitForFunction(() =>
      document.querySelector('.file-panel pre.content')?.textContent?.includes('<svg'),
    );
    await page.click('.row[data-path="www/pixel.png"]');
    await page.waitForSelector('.file-panel img.content-image');
    // the file endpoint, opened directly, is a download: nothing renders in the explorer's origin
    const direct = new URL('api/file', e.url);
    direct.search = new URL(e.url).search;
    direct.searchParams.set('layer', '0');
    direct.searchParams.set('path', 'www/index.html');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate((href) => {
        const a = document.createElement('a');
        a.href = href;
        document.body.append(a);
        a.click();
      }, direct.toString()),
    ]);
    expect(download.suggestedFilename()).toBe('index.html');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('shows an error panel when a layer fails its digest while the server runs', async () => {
    const copy = join(dir, 'damaged-layout');
    await cp(craftedRef.slice('oci:'.length, -':final'.length), copy, { recursive: true });
    const e = await explore(`oci:${copy}:final`);
    const manifest = (await cli<InspectReport>('inspect', `oci:${copy}:final`)).layers[0]?.digest as string;
    const blob = join(copy, 'blobs', 'sha256', manifest.slice('sha256:'.length));
    const fh = await open(blob, 'r+');
    const size = (await fh.stat()).size;
    await fh.write(Buffer.from('damage'), 0, 6, Math.floor(size / 2));
    await fh.close();
    const page = await openPage(e.url, '#layer=0&view=changes&path=etc/app.conf&panel=file');
    await page.waitForSelector('.error-panel');
    expect(await page.textContent('.error-panel')).toMatch(
      /cannot read this file: .*(digest|gzip|corrupt|tar)/i,
    );
    expect(await page.$('.row')).not.toBeNull();
    await page.close();
  });

  it('compares two images: shared and own layers, files added, removed and changed', async () => {
    const e = await explore(sampleRef, '--against', craftedRef);
    const page = await openPage(e.url, '#panel=compare');
    await page.waitForSelector('.compare-panel');
    const diff = await cli<DiffReport>('diff', sampleRef, craftedRef);
    const kinds = await page.$$eval('.file-changes li', (els) =>
      els.map((el) => (el as HTMLElement).dataset.diffKind),
    );
    expect(kinds).toEqual(diff.files.changes.slice(0, 1000).map((c) => c.kind));
    expect(await page.$$('.layers-compare tr')).toHaveLength(diff.layers.alignment.length);
    await shoot(page, 'compare');
    await page.close();
  });
});

// keep the CLI entry point honest for the spawned explorers: it must exist (npm test builds first)
execFileSync(process.execPath, [CLI, '--version']);
