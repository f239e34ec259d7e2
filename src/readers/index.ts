/**
 * Reader entry point: bytes on disk → SourceText.
 * (Interim UTF-8-only version; the format readers replace it.)
 */
import { readFile } from 'node:fs/promises';
import { InputError, type SourceText } from '../types.js';

export async function readSource(path: string): Promise<SourceText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new InputError(path, `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError(path, 'not valid UTF-8 text');
  }
  return { path, text, format: 'txt', encoding: 'utf-8', diagnostics: [] };
}
