import { expect, type Page } from '@playwright/test';
import { clickUntilSettled, recordFrames, viewport, waitForNodesShown } from './frames.js';

// d3-zoom, as React Flow sets it up: one wheel event of deltaY (pixels) zooms by 2^(-deltaY × 0.002).
const WHEEL_LOG2_PER_PIXEL = 0.002;
/** About one input event per frame, as a mouse or trackpad sends them. */
const INPUT_PACE_MS = 16;

const pace = (page: Page) => page.waitForTimeout(INPUT_PACE_MS);

/** Opens a graph in a fresh document and returns the time until its nodes are shown. */
export async function openGraph(page: Page, graphId: string, name: string): Promise<number> {
  await page.goto(`/#/graphs/${graphId}`, { waitUntil: 'commit' });
  const { ms } = await waitForNodesShown(page);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return ms;
}

/** Presses Zoom to fit and returns the time until the whole graph is shown, settled. */
export async function zoomToFit(page: Page): Promise<number> {
  const { ms } = await clickUntilSettled(page, 'Zoom to fit');
  return ms;
}

async function canvasBox(page: Page) {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no canvas');
  return box;
}

/** A point of the canvas, near its centre, where the pane itself (no node, no edge) is hit. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const box = await canvasBox(page);
  const point = await page.evaluate((b) => {
    for (let r = 0; r < Math.min(b.width, b.height) / 2; r += 4) {
      for (let a = 0; a < 16; a++) {
        const x = b.x + b.width / 2 + r * Math.cos((a * Math.PI) / 8);
        const y = b.y + b.height / 2 + r * Math.sin((a * Math.PI) / 8);
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane'))
          return { x, y };
      }
    }
    return undefined;
  }, box);
  if (!point) throw new Error('no empty point on the canvas');
  return point;
}

/** Drags the pane back and forth (a sine of ±`amplitude` px, twice), one move per frame. */
export async function pan(page: Page, amplitude: number): Promise<number[]> {
  const start = await emptyPanePoint(page);
  await page.mouse.move(start.x, start.y);
  return recordFrames(page, async () => {
    await page.mouse.down();
    for (let i = 1; i <= 120; i++) {
      const t = (i / 120) * 2 * 2 * Math.PI;
      await page.mouse.move(
        start.x + amplitude * Math.sin(t),
        start.y + (amplitude / 3) * Math.sin(t / 2),
      );
      await pace(page);
    }
    await page.mouse.up();
  });
}

/**
 * Wheel-zooms by 2^`octaves` around the canvas centre (negative: out) and back, one notch per
 * frame. React Flow stops at its zoom limits, so the way back may end elsewhere.
 */
export async function zoom(page: Page, octaves: number): Promise<number[]> {
  const box = await canvasBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const notches = 30;
  const deltaY = -octaves / notches / WHEEL_LOG2_PER_PIXEL;
  return recordFrames(page, async () => {
    for (const direction of [1, -1]) {
      for (let i = 0; i < notches; i++) {
        await page.mouse.wheel(0, direction * deltaY);
        await pace(page);
      }
    }
  });
}

/** Zooms the canvas to `target` around its centre, in one wheel event. */
export async function zoomTo(page: Page, target: number): Promise<void> {
  const box = await canvasBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const { zoom: current } = await viewport(page);
  await page.mouse.wheel(0, -Math.log2(target / current) / WHEEL_LOG2_PER_PIXEL);
  await expect.poll(async () => (await viewport(page)).zoom).toBeCloseTo(target, 2);
  await page.waitForTimeout(300); // nodes brought into view mount and get measured
}

/** The centre of the header of the node closest to the canvas centre, wholly on the canvas. */
async function nodeNearCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await canvasBox(page);
  const point = await page.evaluate((b) => {
    let best: { x: number; y: number; d: number } | undefined;
    for (const node of document.querySelectorAll('.react-flow__node-graph')) {
      const r = node.getBoundingClientRect();
      const inside =
        r.left > b.x + 50 &&
        r.right < b.x + b.width - 50 &&
        r.top > b.y + 50 &&
        r.bottom < b.y + b.height - 50;
      const x = r.left + r.width / 2;
      const y = r.top + 14;
      const d = Math.hypot(x - (b.x + b.width / 2), y - (b.y + b.height / 2));
      if (inside && (!best || d < best.d)) best = { x, y, d };
    }
    return best;
  }, box);
  if (!point) throw new Error('no node wholly on the canvas');
  return point;
}

/**
 * Drags one node along a figure of eight (±`radius` px across, ±radius/2 down), one move per
 * frame, and drops it where it was. The figure stays clear of the canvas edges, where React
 * Flow would pan the view along (a pan, measured on its own).
 */
export async function dragNode(page: Page, radius: number): Promise<number[]> {
  const start = await nodeNearCentre(page);
  await page.mouse.move(start.x, start.y);
  return recordFrames(page, async () => {
    await page.mouse.down();
    for (let i = 1; i <= 120; i++) {
      const t = (i / 120) * 2 * Math.PI;
      await page.mouse.move(
        start.x + radius * Math.sin(t),
        start.y + (radius / 2) * Math.sin(2 * t),
      );
      await pace(page);
    }
    await page.mouse.up();
  });
}

export interface LiveRun {
  frames: number[];
  runId: string;
}

/** Starts a run from the editor (Run → Start run) and records frames until it has succeeded. */
export async function watchRun(page: Page): Promise<LiveRun> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  await expect(dialog).toBeVisible();
  // Found before recording: a role query walks the accessibility of the whole page.
  const start = await dialog.getByRole('button', { name: 'Start run' }).elementHandle();
  if (!start) throw new Error('no Start run button');
  const frames = await recordFrames(page, async () => {
    await start.click();
    // Not expect(): its polling takes aria snapshots of the whole page, which on 2,000 nodes
    // costs the page's main thread more than the run itself.
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-testid="run-status"]')?.dataset.status ===
        'succeeded',
      undefined,
      { polling: 250, timeout: 120_000 },
    );
  });
  const runId = await page.getByTestId('run-panel').getAttribute('data-run-id');
  if (!runId) throw new Error('no run shown');
  return { frames, runId };
}
