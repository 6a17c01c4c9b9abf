import { decodeText } from '../decode.js';
import type { LetterReader } from './reader.js';

/** Plain text: the decoded file as it stands. */
export const textReader: LetterReader = {
  format: 'txt',
  extensions: ['.txt'],
  async read(bytes, file) {
    return { format: 'txt', text: decodeText(bytes, file), meta: {} };
  },
};
