import { describe, expect, it } from 'vitest';
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelSettings, ChannelSettingsError, settingsFileSchema, type ChannelSetting } from '../src/discord/channel-settings.js';

const CHANNEL = '111111111111111111';
const ASK = '222222222222222222';
const OTHER = '333333333333333333';

const tempDir = () => mkdtempSync(join(tmpdir(), 'epistle-settings-'));
const settingsPath = (dir: string) => join(dir, 'settings.json');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('channel settings', () => {
  it('defaults to answering when mentioned, in a thread; loading writes nothing', () => {
    const dir = join(tempDir(), 'data');
    const { settings, problem } = ChannelSettings.load(dir, []);
    expect(problem).toBeUndefined();
    expect(settings.get(CHANNEL)).toEqual({ mode: 'mention', reply: 'thread' });
    expect(settings.all()).toEqual({});
    expect(existsSync(dir)).toBe(false);
  });

  it('channels of ASK_CHANNEL_IDS start answering every message; a saved setting wins', async () => {
    const dir = tempDir();
    const { settings } = ChannelSettings.load(dir, [ASK]);
    expect(settings.get(ASK)).toEqual({ mode: 'all', reply: 'thread' });
    expect(settings.get(CHANNEL)).toEqual({ mode: 'mention', reply: 'thread' });
    expect(settings.all()).toEqual({ [ASK]: { mode: 'all', reply: 'thread' } });

    // A patch keeps the rest of the current setting.
    expect(await settings.set(ASK, { reply: 'inline' })).toEqual({ mode: 'all', reply: 'inline' });
    await settings.set(ASK, { mode: 'mention' });
    expect(settings.get(ASK)).toEqual({ mode: 'mention', reply: 'inline' });

    const reloaded = ChannelSettings.load(dir, [ASK]).settings;
    expect(reloaded.get(ASK)).toEqual({ mode: 'mention', reply: 'inline' });
  });

  it('persists across loads, as {version: 1, channels}', async () => {
    const dir = join(tempDir(), 'data');
    const { settings } = ChannelSettings.load(dir, []);
    const returned = settings.get(CHANNEL);
    returned.mode = 'off'; // a copy: changing it changes nothing
    expect(settings.get(CHANNEL).mode).toBe('mention');

    await settings.set(CHANNEL, { mode: 'off' });
    await settings.set(OTHER, { reply: 'inline' });
    expect(readJson(settingsPath(dir))).toEqual({
      version: 1,
      channels: { [CHANNEL]: { mode: 'off', reply: 'thread' }, [OTHER]: { mode: 'mention', reply: 'inline' } },
    });
    const { settings: again, problem } = ChannelSettings.load(dir, []);
    expect(problem).toBeUndefined();
    expect(again.get(CHANNEL)).toEqual({ mode: 'off', reply: 'thread' });
    expect(again.get(OTHER)).toEqual({ mode: 'mention', reply: 'inline' });
    expect(again.all()).toEqual({ [CHANNEL]: { mode: 'off', reply: 'thread' }, [OTHER]: { mode: 'mention', reply: 'inline' } });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('replaces the file by rename, never rewriting it in place', async () => {
    const dir = tempDir();
    const { settings } = ChannelSettings.load(dir, []);
    await settings.set(CHANNEL, { mode: 'off' });
    // A hard link still names the old file after an atomic replace; an in-place write would change it too.
    const before = join(dir, 'before.json');
    linkSync(settingsPath(dir), before);
    await settings.set(CHANNEL, { mode: 'all' });
    expect(readJson(before).channels[CHANNEL].mode).toBe('off');
    expect(readJson(settingsPath(dir)).channels[CHANNEL].mode).toBe('all');
  });

  it('saves concurrent changes one after another, losing none', async () => {
    const dir = tempDir();
    const { settings } = ChannelSettings.load(dir, []);
    const ids = Array.from({ length: 50 }, (_, i) => String(100000000000000000n + BigInt(i)));
    await Promise.all(ids.map((id, i) => settings.set(id, { mode: i % 2 ? 'all' : 'off' })));
    const saved = ChannelSettings.load(dir, []).settings;
    ids.forEach((id, i) => expect(saved.get(id).mode).toBe(i % 2 ? 'all' : 'off'));
    expect(Object.keys(readJson(settingsPath(dir)).channels)).toHaveLength(50);
  });

  it('a file that is not JSON: defaults, a problem naming the file, and the file kept aside', async () => {
    const dir = tempDir();
    writeFileSync(settingsPath(dir), '{"version": 1, "channels": {');
    const { settings, problem } = ChannelSettings.load(dir, [ASK]);
    expect(problem).toContain(settingsPath(dir));
    expect(problem).toContain('not valid JSON');
    expect(settings.get(ASK)).toEqual({ mode: 'all', reply: 'thread' });
    expect(settings.get(CHANNEL)).toEqual({ mode: 'mention', reply: 'thread' });

    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(problem).toContain(aside[0]);
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe('{"version": 1, "channels": {');
    expect(existsSync(settingsPath(dir))).toBe(false);

    // Saving writes a new file and leaves the damaged one as it was.
    await settings.set(CHANNEL, { mode: 'off' });
    expect(readJson(settingsPath(dir)).channels[CHANNEL].mode).toBe('off');
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe('{"version": 1, "channels": {');
  });

  it('a file with invalid values: rejected by the schema, named in the problem, kept aside', () => {
    const dir = tempDir();
    const bad = JSON.stringify({ version: 1, channels: { [CHANNEL]: { mode: 'loud', reply: 'thread' } } });
    writeFileSync(settingsPath(dir), bad);
    const { settings, problem } = ChannelSettings.load(dir, []);
    expect(problem).toMatch(/is not valid settings \(channels\.111111111111111111\.mode: /);
    expect(settings.get(CHANNEL)).toEqual({ mode: 'mention', reply: 'thread' });
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.damaged-'));
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe(bad);

    for (const wrong of [
      { version: 2, channels: {} },
      { version: 1, channels: { 'not-an-id': { mode: 'all', reply: 'thread' } } },
      { version: 1, channels: { [CHANNEL]: { mode: 'all' } } },
      { version: 1, channels: { [CHANNEL]: { mode: 'all', reply: 'sideways' } } },
      [],
    ]) {
      expect(settingsFileSchema.safeParse(wrong).success, JSON.stringify(wrong)).toBe(false);
      const d = tempDir();
      writeFileSync(settingsPath(d), JSON.stringify(wrong));
      expect(ChannelSettings.load(d, []).problem).toContain('is not valid settings');
    }
  });

  it('refuses invalid values and channel ids, keeping the saved file', async () => {
    const dir = tempDir();
    const { settings } = ChannelSettings.load(dir, []);
    await settings.set(CHANNEL, { mode: 'all' });
    const before = readFileSync(settingsPath(dir), 'utf8');
    await expect(settings.set(CHANNEL, { mode: 'loud' } as unknown as Partial<ChannelSetting>)).rejects.toThrow(ChannelSettingsError);
    await expect(settings.set(CHANNEL, { reply: 'dm' } as unknown as Partial<ChannelSetting>)).rejects.toThrow(/reply/);
    await expect(settings.set('general', { mode: 'off' })).rejects.toThrow(/channel "general"/);
    expect(readFileSync(settingsPath(dir), 'utf8')).toBe(before);
    expect(settings.get(CHANNEL)).toEqual({ mode: 'all', reply: 'thread' });
    // Later changes still go through.
    await settings.set(CHANNEL, { mode: 'off' });
    expect(ChannelSettings.load(dir, []).settings.get(CHANNEL).mode).toBe('off');
  });
});
