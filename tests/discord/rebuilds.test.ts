/** The bot's index updates run one at a time, and a change made during one is never missed. */
import { describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/indexing/build.js';
import { Rebuilds } from '../../src/discord/rebuilds.js';

/** A fake index: each update reads the folder's version when it starts and finishes when told to. */
function fakeIndex() {
  const state = { folder: 0, running: 0, maxRunning: 0, updates: [] as { full: boolean; sawFolder: number }[], finish: [] as ((fail?: boolean) => void)[] };
  const reindex = (full: boolean) => {
    state.running++;
    state.maxRunning = Math.max(state.maxRunning, state.running);
    const sawFolder = state.folder;
    state.updates.push({ full, sawFolder });
    return new Promise<BuildReport>((resolve, reject) =>
      state.finish.push((fail) => {
        state.running--;
        if (fail) reject(new Error('the update failed'));
        else resolve({ added: sawFolder } as BuildReport);
      }),
    );
  };
  return { state, reindex };
}

const silent = { info: () => {}, warn: () => {} };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('index updates in the bot', () => {
  it('two at once run one after the other', async () => {
    const { state, reindex } = fakeIndex();
    const rebuilds = new Rebuilds(reindex, silent as never);
    const a = rebuilds.request('/reindex by 1', true);
    const b = rebuilds.request('/reindex by 2', true);
    await tick();
    expect(state.updates).toHaveLength(1);
    state.finish[0]();
    await a;
    await tick();
    expect(state.updates).toHaveLength(2);
    state.finish[1]();
    await b;
    expect(state.maxRunning).toBe(1);
  });

  it('a request made during an update gets an update that sees the change', async () => {
    const { state, reindex } = fakeIndex();
    const rebuilds = new Rebuilds(reindex, silent as never);
    const reindexing = rebuilds.request('/reindex by 1', true);
    await tick();
    // A letter is dropped while the update runs; the watcher asks for an update.
    state.folder = 1;
    const watched = rebuilds.request('letters folder changed');
    state.finish[0]();
    expect((await reindexing).added).toBe(0);
    await tick();
    state.finish[1]?.();
    expect((await watched).added).toBe(1);
  });

  it('requests made during an update share one update after it, full if any asked for it', async () => {
    const { state, reindex } = fakeIndex();
    const rebuilds = new Rebuilds(reindex, silent as never);
    const first = rebuilds.request('a');
    const later = [rebuilds.request('b'), rebuilds.request('c', true), rebuilds.request('d')];
    await tick();
    state.finish[0](true);
    await expect(first).rejects.toThrow('the update failed');
    await tick();
    expect(state.updates).toEqual([
      { full: false, sawFolder: 0 },
      { full: true, sawFolder: 0 },
    ]);
    const idle = rebuilds.idle();
    state.finish[1]();
    await Promise.all([...later, idle]);
    expect(state.maxRunning).toBe(1);
  });
});
