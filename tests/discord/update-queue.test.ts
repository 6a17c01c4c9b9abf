/**
 * The one index update queue (LetterService.reindex), which the bot's /reindex, /add-letter and folder watcher
 * share: updates run one at a time, a change made during one is never missed, and its observers (the bot's log,
 * the announcer) hear every update with the reasons of the requests it serves. Also /add-letter's checks and
 * writes, through LetterService.addLetters. The build itself is a fake here (buildIndex is mocked).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildOptions, BuildReport } from '../../src/indexing/build.js';
import { BuildStopped } from '../../src/indexing/build.js';
import { LetterService, type ServiceOptions, type UpdateEvent } from '../../src/service/letter-service.js';
import { UploadError, type LetterUpload } from '../../src/service/uploads.js';
import { THIRD_LETTER } from '../helpers/corpus.js';

/** A fake index: each update reads the folder's version when it starts and finishes when told to. */
const fake = vi.hoisted(() => ({
  folder: 0,
  running: 0,
  maxRunning: 0,
  updates: [] as { full: boolean; sawFolder: number }[],
  finish: [] as ((fail?: boolean) => void)[],
  reset() {
    this.folder = 0;
    this.running = 0;
    this.maxRunning = 0;
    this.updates = [];
    this.finish = [];
  },
}));

vi.mock('../../src/indexing/build.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/indexing/build.js')>();
  return {
    ...actual,
    buildIndex: (opts: BuildOptions) => {
      fake.running++;
      fake.maxRunning = Math.max(fake.maxRunning, fake.running);
      const sawFolder = fake.folder;
      fake.updates.push({ full: !!opts.full, sawFolder });
      return new Promise<BuildReport>((resolve, reject) => {
        const done = (fail?: boolean) => {
          fake.running--;
          if (fail) reject(new Error('the update failed'));
          else resolve({ added: sawFolder, changed: 0, removed: 0 } as BuildReport);
        };
        fake.finish.push(done);
        // As the real build: stopped between two groups of letters by the service's signal.
        opts.signal?.addEventListener('abort', () => {
          fake.running--;
          reject(new actual.BuildStopped());
        });
      });
    },
  };
});

const dirs: string[] = [];
afterEach(() => {
  fake.reset();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A service over an empty letters folder and no index (its constructor is private: `start` would build one). */
function service(options: Partial<ServiceOptions> = {}): LetterService {
  const dir = mkdtempSync(join(tmpdir(), 'epistle-queue-'));
  dirs.push(dir);
  const opts: ServiceOptions = {
    lettersDir: join(dir, 'letters'),
    indexDir: join(dir, 'index'),
    embedder: { id: { kind: 'fake' } } as never,
    maxBytes: 100_000,
    ...options,
  };
  return new (LetterService as unknown as new (opts: ServiceOptions, index: null) => LetterService)(opts, null);
}

const tick = () => new Promise((r) => setTimeout(r, 0));
/** What observers heard, without the durations and reports. */
const heard = (events: UpdateEvent[]) => events.map((e) => ({ phase: e.phase, why: e.why, full: e.full }));

describe('the index update queue', () => {
  it('two at once run one after the other', async () => {
    const s = service();
    const a = s.reindex(true, '/reindex by 1');
    const b = s.reindex(true, '/reindex by 2');
    await tick();
    expect(fake.updates).toHaveLength(1);
    fake.finish[0]();
    await a;
    await tick();
    expect(fake.updates).toHaveLength(2);
    fake.finish[1]();
    await b;
    expect(fake.maxRunning).toBe(1);
  });

  it('a request made during an update gets an update that sees the change', async () => {
    const s = service();
    const reindexing = s.reindex(true, '/reindex by 1');
    await tick();
    // A letter is dropped while the update runs; the watcher asks for an update.
    fake.folder = 1;
    const watched = s.reindex(false, 'letters folder changed');
    fake.finish[0]();
    expect((await reindexing).added).toBe(0);
    await tick();
    fake.finish[1]?.();
    expect((await watched).added).toBe(1);
  });

  it('requests made during an update share one update after it, full if any asked for it; observers hear every reason', async () => {
    const events: UpdateEvent[] = [];
    const s = service({ onUpdate: (e) => events.push(e) });
    const first = s.reindex(false, 'a');
    const later = [s.reindex(false, 'b'), s.reindex(true, 'c'), s.reindex(false, 'd')];
    await tick();
    fake.finish[0](true);
    await expect(first).rejects.toThrow('the update failed');
    await tick();
    expect(fake.updates).toEqual([
      { full: false, sawFolder: 0 },
      { full: true, sawFolder: 0 },
    ]);
    const idle = s.idle();
    fake.finish[1]();
    await Promise.all([...later, idle]);
    expect(fake.maxRunning).toBe(1);
    expect(heard(events)).toEqual([
      { phase: 'started', why: ['a'], full: false },
      { phase: 'failed', why: ['a'], full: false },
      { phase: 'started', why: ['b', 'c', 'd'], full: true },
      { phase: 'finished', why: ['b', 'c', 'd'], full: true },
    ]);
    expect(events[1].error?.message).toBe('the update failed');
    expect(events[3].report?.added).toBe(0);
    for (const e of [events[1], events[3]]) expect(e.ms).toBeGreaterThanOrEqual(0);
  });

  it('an observer added during an update hears its start at once; one that throws stops nothing; removed, it hears nothing more', async () => {
    const s = service({
      onUpdate: () => {
        throw new Error('a broken observer');
      },
    });
    const running = s.reindex(false, 'first build');
    const events: UpdateEvent[] = [];
    const unobserve = s.observeUpdates((e) => events.push(e));
    expect(heard(events)).toEqual([{ phase: 'started', why: ['first build'], full: false }]);
    fake.finish[0]();
    await running;
    unobserve();
    const next = s.reindex(false, 'later');
    await tick();
    fake.finish[1]();
    await next;
    expect(heard(events)).toEqual([
      { phase: 'started', why: ['first build'], full: false },
      { phase: 'finished', why: ['first build'], full: false },
    ]);
  });

  it('close() stops the running update, drops the waiting one, and refuses new ones', async () => {
    const events: UpdateEvent[] = [];
    const s = service({ onUpdate: (e) => events.push(e) });
    const running = s.reindex(false, 'a');
    const waiting = s.reindex(false, 'b');
    running.catch(() => {});
    waiting.catch(() => {});
    await tick();
    await s.close();
    await expect(running).rejects.toBeInstanceOf(BuildStopped);
    await expect(waiting).rejects.toBeInstanceOf(BuildStopped);
    await expect(s.reindex(false, 'c')).rejects.toBeInstanceOf(BuildStopped);
    expect(fake.updates).toHaveLength(1);
    // The stopped update is heard as failed (BuildStopped); the dropped one never started.
    expect(heard(events)).toEqual([
      { phase: 'started', why: ['a'], full: false },
      { phase: 'failed', why: ['a'], full: false },
    ]);
    expect(events[1].error).toBeInstanceOf(BuildStopped);
  });
});

describe('adding letters (/add-letter)', () => {
  const letter = (name: string, content: string | Buffer, extra: Partial<LetterUpload> = {}): LetterUpload => ({ name, bytes: Buffer.from(content), ...extra });

  it('refuses each bad file with its reason, writes nothing for it, and runs no update when nothing was added', async () => {
    const s = service({ maxBytes: 1000 });
    const fetched: string[] = [];
    const lazy = (name: string): LetterUpload => ({
      name,
      bytes: async () => {
        fetched.push(name);
        return Buffer.from(THIRD_LETTER);
      },
    });
    const { files, report } = await s.addLetters([
      letter('dated.txt', THIRD_LETTER, { date: 'next Blursday' }),
      lazy('../../etc/passwd'),
      lazy('../outside/climb.txt'),
      lazy('....txt'),
      lazy('scan.gif'),
      { ...lazy('big.txt'), size: 2_000_000 },
      letter('long.txt', 'Dear Sir, '.repeat(200)),
      letter('run.txt', '#!/bin/sh\nrm -rf /\n'),
      letter('exe.docx', Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(64)])),
      letter('empty.txt', '   \n'),
      { name: 'lost.txt', bytes: async () => Promise.reject(new UploadError('could not download the attachment (HTTP 404)')) },
    ]);
    expect(report).toBeNull();
    expect(fake.updates).toEqual([]);
    expect(files.map((f) => (f.added ? f.file : `${f.name}: ${f.reason}`))).toEqual([
      'dated.txt: "next Blursday" is not a date',
      expect.stringMatching(/^\.\.\/\.\.\/etc\/passwd: unsupported file type \(none\); send \.txt, /),
      '../outside/climb.txt: the file name must not contain a folder path',
      '....txt: the file name "....txt" has no usable characters',
      expect.stringMatching(/^scan\.gif: unsupported file type \.gif; send /),
      'big.txt: the file is 1.9 MB; the limit is 0.0 MB',
      'long.txt: the file is over the 0.0 MB limit',
      'run.txt: that file is a program, not a letter',
      'exe.docx: that file is a program, not a letter',
      expect.stringMatching(/^empty\.txt: /),
      'lost.txt: could not download the attachment (HTTP 404)',
    ]);
    // Refused by name or size: never downloaded.
    expect(fetched).toEqual([]);
    expect(existsSync(s.opts.lettersDir) ? readdirSync(s.opts.lettersDir) : []).toEqual([]);
  });

  it('writes the files that pass (overrides as a sidecar), then indexes them in one update through the queue', async () => {
    const events: UpdateEvent[] = [];
    const s = service({ onUpdate: (e) => events.push(e) });
    const adding = s.addLetters(
      [
        letter('Lettre Vestergaard.txt', THIRD_LETTER),
        letter('janssen.txt', THIRD_LETTER.replace('Annika Vestergaard', 'Piet Janssen'), { sender: 'Piet Janssen', recipient: 'Manuel Valls', date: '2 May 2017' }),
        letter('janssen.txt', THIRD_LETTER),
      ],
      '/add-letter',
    );
    await vi.waitFor(() => expect(fake.finish).toHaveLength(1));
    fake.finish[0]();
    const { files, report } = await adding;
    expect(report?.added).toBe(0);
    expect(heard(events)).toEqual([
      { phase: 'started', why: ['/add-letter Lettre_Vestergaard.txt, janssen.txt'], full: false },
      { phase: 'finished', why: ['/add-letter Lettre_Vestergaard.txt, janssen.txt'], full: false },
    ]);
    const [vestergaard, janssen, again] = files;
    expect(vestergaard).toMatchObject({ added: true, name: 'Lettre Vestergaard.txt', file: 'Lettre_Vestergaard.txt', meta: { sender: 'Annika Vestergaard', date: '2017-03-14' } });
    expect(janssen).toMatchObject({ added: true, file: 'janssen.txt', meta: { sender: 'Piet Janssen', date: '2017-05-02', recipients: [{ name: 'Manuel Valls' }] } });
    expect(janssen.added && janssen.passages).toBeGreaterThan(0);
    expect(again).toEqual({ added: false, name: 'janssen.txt', reason: 'janssen.txt already exists; set replace to replace it' });
    expect(readdirSync(s.opts.lettersDir).sort()).toEqual(['Lettre_Vestergaard.txt', 'janssen.meta.json', 'janssen.txt']);
    expect(JSON.parse(readFileSync(join(s.opts.lettersDir, 'janssen.meta.json'), 'utf8'))).toEqual({ sender: 'Piet Janssen', recipients: ['Manuel Valls'], date: '2017-05-02' });

    // replace: the same name again, through another update.
    const replacing = s.addLetters([letter('janssen.txt', THIRD_LETTER, { replace: true })], '/add-letter');
    await vi.waitFor(() => expect(fake.finish).toHaveLength(2));
    fake.finish[1]();
    expect((await replacing).files[0]).toMatchObject({ added: true, file: 'janssen.txt' });
  });

  it('says the letter is saved but not indexed when the service is closing', async () => {
    const s = service();
    const adding = s.addLetters([letter('late.txt', THIRD_LETTER)]);
    await vi.waitFor(() => expect(fake.updates).toHaveLength(1));
    await s.close();
    const { files, report } = await adding;
    expect(files[0]).toMatchObject({ added: true, file: 'late.txt' });
    expect(report).toBeNull();
  });
});
