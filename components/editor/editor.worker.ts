// Monaco's editor worker (diffing, word ranges), bundled locally: this machine has no CDN (STACK.md).
import 'monaco-editor/editor/editor.worker';
