import { describe, expect, it } from 'vitest';
import { boxAt, overviewScene, type OverviewBox, type OverviewInput } from './overview';

const box = (id: string, x: number, extra: Partial<OverviewBox> = {}): OverviewBox => ({
  id,
  x,
  y: 0,
  width: 100,
  height: 40,
  selected: false,
  ...extra,
});

function input(overrides: Partial<OverviewInput> = {}): OverviewInput {
  return {
    boxes: [box('a', 0), box('b', 200), box('c', 5000)],
    links: [
      { id: 'ab', source: 'a', target: 'b' },
      { id: 'bc', source: 'b', target: 'c' },
    ],
    statusOf: () => undefined,
    flowOf: () => undefined,
    hasProblems: () => false,
    view: { x: -50, y: -50, width: 1000, height: 500 },
    ...overrides,
  };
}

const ids = (boxes: OverviewBox[] | undefined) => boxes?.map((b) => b.id);

describe('overviewScene', () => {
  it('draws only what is in view, idle nodes together, and the edges that cross the view', () => {
    const scene = overviewScene(input());
    expect(scene.count).toBe(2);
    expect(ids(scene.boxes.get('idle'))).toEqual(['a', 'b']);
    // b → c leaves the view but starts in it; both are drawn, from right middle to left middle.
    expect(scene.links.get('plain')).toEqual([
      { x1: 100, y1: 20, x2: 200, y2: 20 },
      { x1: 300, y1: 20, x2: 5000, y2: 20 },
    ]);
  });

  it('groups nodes by run state and edges by flow, so each state is one path', () => {
    const states: Record<string, string> = { a: 'succeeded', b: 'running' };
    const scene = overviewScene(
      input({
        statusOf: (id) => states[id],
        flowOf: (id) => (id === 'ab' ? 'flowing' : undefined),
      }),
    );
    expect(ids(scene.boxes.get('succeeded'))).toEqual(['a']);
    expect(ids(scene.boxes.get('running'))).toEqual(['b']);
    expect(scene.boxes.has('idle')).toBe(false);
    expect(scene.links.get('flowing')).toHaveLength(1);
  });

  it('frames selected nodes and nodes with problems; notes are drawn in their colour', () => {
    const scene = overviewScene(
      input({
        boxes: [box('n', 0, { note: 'blue' }), box('a', 200, { selected: true })],
        hasProblems: (id) => id === 'a' || id === 'n',
      }),
    );
    expect(ids(scene.boxes.get('note-blue'))).toEqual(['n']);
    expect(ids(scene.selected)).toEqual(['a']);
    expect(ids(scene.problems)).toEqual(['a']);
  });
});

describe('boxAt', () => {
  const boxes = [box('note', 0, { note: 'yellow', width: 400 }), box('a', 50), box('b', 300)];

  it('finds the node under a point before a note under it', () => {
    expect(boxAt(boxes, { x: 60, y: 10 })?.id).toBe('a');
    expect(boxAt(boxes, { x: 250, y: 10 })?.id).toBe('note');
    expect(boxAt(boxes, { x: 250, y: 100 })).toBeUndefined();
  });
});
