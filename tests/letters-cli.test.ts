import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { TINY_ENV, tempCorpus } from './helpers/corpus.js';

const c = tempCorpus();
const env = { ...TINY_ENV, LETTERS_DIR: c.letters, INDEX_DIR: c.index };

describe('npm run letters', () => {
  it("reads the index's catalogue (as Discord's /letters does), building the index first when there is none", () => {
    expect(existsSync(join(c.index, 'manifest.json'))).toBe(false);
    const r = runCli(['letters', '--json'], env);
    expect(r.status).toBe(0);
    expect(existsSync(join(c.index, 'manifest.json'))).toBe(true);
    expect(r.stderr).toMatch(/updating the index: there is no index yet/);
    // The next run reads the index as it is.
    const again = runCli(['letters', '--json'], env);
    expect(again.stderr).not.toMatch(/updating the index/);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(r.stdout));
  });

  it('--json prints the catalogue per the contract, sorted by date', () => {
    const r = runCli(['letters', '--json'], env);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['cc', 'date', 'file', 'letterId', 'passages', 'place', 'recipients', 'sender', 'senderRole'].sort(),
      );
    }
    expect(rows[0]).toMatchObject({
      letterId: '001_87c08d64c831245f',
      file: '001_87c08d64c831245f.txt',
      sender: 'Mady Delvaux-Stehres',
      senderRole: 'Member of the European Parliament, S&D',
      recipients: ['Manuel Valls'],
      cc: [],
      date: '2015-05-25',
      place: 'Brussels',
    });
    expect(rows[1]).toMatchObject({
      letterId: '000_54ce065e8f9db68d',
      sender: 'Tunne Kelam',
      recipients: ['Manuel Valls'],
      cc: ['Jean-Jacques Urvoas', 'Jean-Marc Ayrault'],
      date: '2016-06-29',
    });
    expect(rows[0].passages).toBeGreaterThan(1);
  });

  it('--recipient matches partially, ignoring case and accents', () => {
    const r = runCli(['letters', '--recipient', 'valls'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Date\s+Sender\s+Recipients/);
    expect(r.stdout).toContain('Tunne Kelam');
    expect(r.stdout).toContain('Mady Delvaux-Stehres');
    const accented = JSON.parse(runCli(['letters', '--recipient', 'VÂLLS', '--json'], env).stdout);
    expect(accented).toHaveLength(2);
    const none = JSON.parse(runCli(['letters', '--recipient', 'Urvoas', '--json'], env).stdout);
    expect(none).toEqual([]);
  });

  it('filters by sender and date range', () => {
    const bySender = JSON.parse(runCli(['letters', '--sender', 'delvaux', '--json'], env).stdout);
    expect(bySender.map((r: { letterId: string }) => r.letterId)).toEqual(['001_87c08d64c831245f']);
    const in2016 = JSON.parse(runCli(['letters', '--from', '2016', '--to', '2016', '--json'], env).stdout);
    expect(in2016.map((r: { letterId: string }) => r.letterId)).toEqual(['000_54ce065e8f9db68d']);
    const upToMay2015 = JSON.parse(runCli(['letters', '--to', '2015-05', '--json'], env).stdout);
    expect(upToMay2015).toHaveLength(1);
  });
});
