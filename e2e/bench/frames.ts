import type { BrowserContext, Page } from '@playwright/test';

/** p50, p95 and max of a sample, in its unit. */
export interface Stats {
  p50: number;
  p95: number;
  max: number;
  count: number;
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    p50: at(0.5) ?? NaN,
    p95: at(0.95) ?? NaN,
    max: sorted.at(-1) ?? NaN,
    count: values.length,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

declare global {
  interface Window {
    __benchFrames?: { start: () => void; stop: () => number[] };
  }
}

/**
 * Installed before the app's scripts: a requestAnimationFrame loop that, while recording, keeps
 * the time between consecutive frames — what the user sees as smooth or janky.
 */
function installRecorder(): void {
  let deltas: number[] = [];
  let last: number | undefined;
  let recording = false;
  const tick = (now: number) => {
    if (!recording) return;
    if (last !== undefined) deltas.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  window.__benchFrames = {
    start() {
      deltas = [];
      last = undefined;
      recording = true;
      requestAnimationFrame(tick);
    },
    stop() {
      recording = false;
      return deltas;
    },
  };
}

export async function installFrameRecorder(page: Page | BrowserContext): Promise<void> {
  await page.addInitScript(installRecorder);
}

/** Frame deltas (ms) while `action` runs. */
export async function recordFrames(page: Page, action: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => window.__benchFrames!.start());
  await action();
  return page.evaluate(() => window.__benchFrames!.stop());
}

/**
 * Resolves in the page with the first frame (its `performance.now()`) in which the canvas shows
 * its nodes settled: React Flow has measured every node it renders (it hides a node until then)
 * or the far-zoom overview has drawn them,
 * the viewport has left its initial transform, and the rendered nodes and the viewport then stay
 * the same for the next few frames. Installed as a function so that it runs inside the page.
 */
function settledFrame(): Promise<{ ms: number; nodes: number }> {
  return new Promise((resolve) => {
    const STABLE_FRAMES = 5;
    let candidate: { ms: number; nodes: number; transform: string } | undefined;
    let stableFor = 0;
    const check = (now: number) => {
      const transform =
        document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
      const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
      // Zoomed far out, a big graph is drawn on the overview canvas, which says how many nodes
      // it drew and for which view.
      const overview = document.querySelector<HTMLElement>('[data-testid="overview-canvas"]');
      const drawn = Number(overview?.dataset.nodes ?? 0);
      const count = nodes.length + drawn;
      let shown = count > 0 && transform !== '' && transform !== 'translate(0px, 0px) scale(1)';
      for (const node of nodes) if (node.style.visibility === 'hidden') shown = false;
      const view = overview ? `${overview.dataset.view}` : '';
      if (!shown) candidate = undefined;
      else if (candidate?.nodes === count && candidate.transform === transform + view) stableFor++;
      else {
        candidate = { ms: now, nodes: count, transform: transform + view };
        stableFor = 0;
      }
      if (candidate && stableFor >= STABLE_FRAMES)
        resolve({ ms: candidate.ms, nodes: candidate.nodes });
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

declare global {
  interface Window {
    __benchSettled?: typeof settledFrame;
  }
}

export async function installSettledProbe(page: Page | BrowserContext): Promise<void> {
  await page.addInitScript(`window.__benchSettled = ${settledFrame.toString()};`);
}

/** Milliseconds from the start of the navigation to the frame in which the nodes are shown. */
export function waitForNodesShown(page: Page): Promise<{ ms: number; nodes: number }> {
  return page.evaluate(() => window.__benchSettled!());
}

/** Milliseconds from clicking a button (by accessible label) to the frame the nodes settle in. */
export function clickUntilSettled(
  page: Page,
  label: string,
): Promise<{ ms: number; nodes: number }> {
  return page.evaluate(async (name) => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name,
    );
    if (!button) throw new Error(`no button ${name}`);
    const start = performance.now();
    button.click();
    const { ms, nodes } = await window.__benchSettled!();
    return { ms: ms - start, nodes };
  }, label);
}

/** The canvas viewport's pan (px) and zoom, from React Flow's transform. */
export async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page
    .locator('.react-flow__viewport')
    .evaluate((element) => (element as HTMLElement).style.transform);
  const match = /translate\(([-\d.e]+)px, ?([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(transform);
  if (!match) throw new Error(`unexpected viewport transform: ${transform}`);
  return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) };
}
