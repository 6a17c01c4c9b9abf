import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * How Epistle behaves in each channel, saved in `<DATA_DIR>/settings.json`:
 * `mode` off (ignores the channel), mention (answers when mentioned) or all (every message is a question);
 * `reply` in a thread or inline.
 */
export const SETTINGS_FILE = 'settings.json';

const channelId = z.string().regex(/^\d{17,20}$/, 'must be a Discord channel id (17 to 20 digits)');

export const channelSettingSchema = z.object({
  mode: z.enum(['off', 'mention', 'all']),
  reply: z.enum(['thread', 'inline']),
});
export type ChannelSetting = z.infer<typeof channelSettingSchema>;

export const settingsFileSchema = z.object({
  version: z.literal(1),
  channels: z.record(channelId, channelSettingSchema),
});
export type SettingsFile = z.infer<typeof settingsFileSchema>;

export const DEFAULT_SETTING: Readonly<ChannelSetting> = Object.freeze({ mode: 'mention', reply: 'thread' });
/** Where channels of ASK_CHANNEL_IDS start. */
export const ASK_CHANNEL_SETTING: Readonly<ChannelSetting> = Object.freeze({ mode: 'all', reply: 'thread' });

function issueText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export class ChannelSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelSettingsError';
  }
}

export class ChannelSettings {
  readonly file: string;
  private readonly askChannels: ReadonlySet<string>;
  /** Settings saved for a channel; others follow the defaults. */
  private saved: Map<string, ChannelSetting>;
  /** Saves run one after another on this chain. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(dataDir: string, askChannelIds: readonly string[], saved: Map<string, ChannelSetting>) {
    this.file = join(dataDir, SETTINGS_FILE);
    this.askChannels = new Set(askChannelIds);
    this.saved = saved;
  }

  /**
   * Reads `<dataDir>/settings.json`. Missing: defaults. Damaged or invalid: defaults, the file renamed to
   * settings.json.damaged-<time> so the next save does not overwrite it, and `problem` saying so.
   */
  static load(dataDir: string, askChannelIds: readonly string[] = []): { settings: ChannelSettings; problem?: string } {
    const path = join(dataDir, SETTINGS_FILE);
    const fresh = () => new ChannelSettings(dataDir, askChannelIds, new Map());
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: fresh() };
      return { settings: fresh(), problem: `${path} could not be read (${(err as Error).message}); using the default channel settings` };
    }
    let what: string;
    try {
      const parsed = settingsFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return { settings: new ChannelSettings(dataDir, askChannelIds, new Map(Object.entries(parsed.data.channels))) };
      what = `is not valid settings (${issueText(parsed.error)})`;
    } catch {
      what = 'is not valid JSON';
    }
    const aside = `${path}.damaged-${new Date().toISOString().replace(/:/g, '-')}`;
    try {
      renameSync(path, aside);
    } catch (err) {
      return { settings: fresh(), problem: `${path} ${what} and could not be moved aside (${(err as Error).message}); using the default channel settings` };
    }
    return { settings: fresh(), problem: `${path} ${what}; kept as ${aside}; using the default channel settings` };
  }

  /** The channel's setting: saved, else ASK_CHANNEL_IDS' or the default. */
  get(id: string): ChannelSetting {
    const saved = this.saved.get(id);
    if (saved) return { ...saved };
    return { ...(this.askChannels.has(id) ? ASK_CHANNEL_SETTING : DEFAULT_SETTING) };
  }

  /** Changes a channel's setting and saves every setting; resolves to the new setting once saved. */
  set(id: string, patch: Partial<ChannelSetting>): Promise<ChannelSetting> {
    const run = this.queue.then(async () => {
      const checkedId = channelId.safeParse(id);
      if (!checkedId.success) throw new ChannelSettingsError(`channel ${JSON.stringify(id)}: ${issueText(checkedId.error)}`);
      const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const checked = channelSettingSchema.safeParse({ ...this.get(id), ...given });
      if (!checked.success) throw new ChannelSettingsError(`channel ${id}: ${issueText(checked.error)}`);
      const next = new Map(this.saved).set(id, checked.data);
      await writeFileAtomic(this.file, JSON.stringify({ version: 1, channels: Object.fromEntries(next) } satisfies SettingsFile, null, 2) + '\n');
      this.saved = next;
      return { ...checked.data };
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /** Every channel whose setting is not the default: saved ones and those of ASK_CHANNEL_IDS. */
  all(): Record<string, ChannelSetting> {
    const ids = new Set([...this.askChannels, ...this.saved.keys()]);
    return Object.fromEntries([...ids].sort().map((id) => [id, this.get(id)]));
  }
}

/** Writes a temporary file beside `path`, syncs it, then renames it over `path`: readers see the old file or the new one. */
async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  syncDir(dir);
}

/** Makes a rename durable; not possible on every platform (Windows), where it is skipped. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
