export type EmbedKind = 'query' | 'passage';

/** Identifies an embedder; the index records it and refuses queries from another. */
export interface EmbedderId {
  backend: 'transformers' | 'bundled';
  model: string;
  revision: string;
  dimensions: number;
  queryPrefix: string;
  passagePrefix: string;
}

export interface Embedder {
  readonly id: EmbedderId;
  /** Returns one L2-normalised vector per text, in order. */
  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]>;
  dispose?(): Promise<void>;
  /** Starts loading what a large call will need (worker threads), without waiting for it. */
  warm?(): void;
}

/** "transformers:Xenova/bge-small-en-v1.5@main/384" — short and stable, for messages and JSON. */
export function embedderLabel(id: EmbedderId): string {
  return `${id.backend}:${id.model}@${id.revision}/${id.dimensions}`;
}

export function sameEmbedder(a: EmbedderId, b: EmbedderId): boolean {
  return (
    a.backend === b.backend &&
    a.model === b.model &&
    a.revision === b.revision &&
    a.dimensions === b.dimensions &&
    a.queryPrefix === b.queryPrefix &&
    a.passagePrefix === b.passagePrefix
  );
}

export function l2normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}
