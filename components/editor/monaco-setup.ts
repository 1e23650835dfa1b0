import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { registerEscriptLanguage } from './escript-language';

/**
 * Client-only Monaco bootstrap: points `@monaco-editor/react` at the locally installed `monaco-editor`
 * instead of its CDN default, serves the editor worker from our own bundle, and registers the `escript`
 * language. Import it only from modules loaded with `next/dynamic(..., { ssr: false })`.
 */

self.MonacoEnvironment = {
  getWorker: () => new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module' }),
};

loader.config({ monaco });
registerEscriptLanguage(monaco);

/** The Monaco API instance the editor uses. */
export { monaco };
