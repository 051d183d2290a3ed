import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type FrameScheduler } from './frameBatcher';

function manualFrames() {
  const callbacks: (() => void)[] = [];
  const schedule: FrameScheduler = (callback) => {
    callbacks.push(callback);
    return () => callbacks.splice(callbacks.indexOf(callback), 1);
  };
  const frame = () => callbacks.splice(0).forEach((callback) => callback());
  return { schedule, frame, pending: () => callbacks.length };
}

describe('createFrameBatcher', () => {
  it('hands over everything that arrived during a frame in one call', () => {
    const frames = manualFrames();
    const applied: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => applied.push(items), frames.schedule);
    batcher.push([1, 2]);
    batcher.push([3]);
    expect(frames.pending()).toBe(1);
    expect(applied).toEqual([]);
    frames.frame();
    expect(applied).toEqual([[1, 2, 3]]);
    batcher.push([4]);
    frames.frame();
    expect(applied).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes at once on demand and drops the queue when disposed', () => {
    const frames = manualFrames();
    const applied: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => applied.push(items), frames.schedule);
    batcher.push([1]);
    batcher.flush();
    expect(applied).toEqual([[1]]);
    expect(frames.pending()).toBe(0);
    batcher.push([2]);
    batcher.dispose();
    frames.frame();
    expect(applied).toEqual([[1]]);
  });
});
