/// <reference lib="dom" />
/**
 * Debian's chromium driven by playwright-core (never a downloaded browser), started the way this
 * machine needs it (no sandbox as root, no background networking), and page helpers the explorer's
 * browser tests share: every tree row the virtual list can show, and the selection.
 */
import { type Browser, chromium, type Page } from 'playwright-core';

/** CHROMIUM is Debian's browser binary. */
export const CHROMIUM = '/usr/bin/chromium';

/** launchChromium starts a headless chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** ShownRow is one tree row as the page shows it. */
export interface ShownRow {
  path: string;
  change: string;
}

/** allRows scrolls the tree from top to bottom and returns every row in order. */
export async function allRows(page: Page): Promise<ShownRow[]> {
  return page.evaluate(async () => {
    const el = document.querySelector('.tree-scroll') as HTMLElement;
    const seen = new Map<number, { path: string; change: string }>();
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let top = 0; ; top += Math.max(200, el.clientHeight - 40)) {
      el.scrollTop = top;
      el.dispatchEvent(new Event('scroll'));
      await frame();
      for (const row of Array.from(document.querySelectorAll<HTMLElement>('.tree-body .row'))) {
        seen.set(parseInt(row.style.top, 10), {
          path: row.dataset.path ?? '',
          change: row.dataset.change ?? '',
        });
      }
      if (top + el.clientHeight >= el.scrollHeight) break;
    }
    el.scrollTop = 0;
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  });
}

/** selection returns the selected layer and the selected row's path. */
export async function selection(page: Page): Promise<{ layer: number; path: string | null; mode: string }> {
  return page.evaluate(() => ({
    layer: Number(document.querySelector<HTMLElement>('.layer.selected')?.dataset.layer ?? -1),
    path: document.querySelector<HTMLElement>('.row.selected')?.dataset.path ?? null,
    mode: document.querySelector<HTMLElement>('.seg button.on[data-mode]')?.dataset.mode ?? '',
  }));
}
