/** Known sentence-embedding models and the conventions they were trained with. */

export type Pooling = 'mean' | 'cls';

export interface ModelSpec {
  /** Hugging Face model id, also the folder name under EMBEDDING_MODEL_DIR. */
  model: string;
  pooling: Pooling;
  /** Prepended to queries / passages before embedding. */
  queryPrefix: string;
  passagePrefix: string;
  /** Expected output size; null = discovered from the first output. */
  dimensions: number | null;
  /** True when the model is not in the registry and defaults were used. */
  unknown?: boolean;
  note?: string;
}

export const DEFAULT_MODEL = 'Xenova/bge-small-en-v1.5';

const KNOWN: readonly ModelSpec[] = [
  {
    model: 'Xenova/bge-small-en-v1.5',
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    passagePrefix: '',
    dimensions: 384,
    note: 'default; good English retrieval quality',
  },
  {
    model: 'Xenova/all-MiniLM-L6-v2',
    pooling: 'mean',
    queryPrefix: '',
    passagePrefix: '',
    dimensions: 384,
    note: 'fastest',
  },
  {
    model: 'Xenova/multilingual-e5-small',
    pooling: 'mean',
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    dimensions: 384,
    note: 'multilingual',
  },
];

/** The registry entry for `model`, or mean pooling / no prefixes / unknown dims. */
export function modelSpec(model: string): ModelSpec {
  const found = KNOWN.find((m) => m.model.toLowerCase() === model.toLowerCase());
  if (found) return { ...found };
  return { model, pooling: 'mean', queryPrefix: '', passagePrefix: '', dimensions: null, unknown: true };
}
