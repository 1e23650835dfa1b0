import type * as MonacoApi from 'monaco-editor/editor';
import { escriptEditorParser } from '../../lib/language';
import { IncrementalTree } from './incremental-tree';
import { semanticTokens } from './semantic-tokens';
import {
  EDITOR_FOREGROUND,
  ESCRIPT_LANGUAGE_ID,
  ESCRIPT_THEME,
  SEMANTIC_TOKEN_TYPES,
  TOKEN_STYLES,
} from './token-styles';

/**
 * Registers the `escript` language in Monaco: a tiny Monarch tokenizer for the first paint (comments,
 * strings, numbers only), semantic tokens computed from the Lezer grammar for everything else (embedded
 * ES|QL through the ES|QL grammar mounted in the script tree, grammar/mixed.ts), the editor
 * theme, and bracket/comment configuration (LANGUAGE.md §2). Idempotent.
 */

type Monaco = typeof MonacoApi;

const registered = new WeakSet<object>();

// Keywords are deliberately absent: their colour comes from the grammar, which knows contextual keywords
// (`status`, `count`, `row`) from names; a word list would colour them wrongly.
const monarch: MonacoApi.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenizer: {
    root: [
      [/--.*$/, 'comment'],
      [/\/\*/, 'comment', '@block'],
      [/'/, 'string', '@single'],
      [/"/, 'string', '@double'],
      [/\d+(\.\d+)?([eE][+-]?\d+)?/, 'number'],
      [/[A-Za-z_][A-Za-z0-9_]*/, ''],
    ],
    block: [
      [/[^*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/\*/, 'comment'],
    ],
    single: [
      [/[^\\']+/, 'string'],
      [/\\./, 'string'],
      [/'/, 'string', '@pop'],
    ],
    double: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string'],
      [/"/, 'string', '@pop'],
    ],
  },
};

const configuration: MonacoApi.languages.LanguageConfiguration = {
  comments: { lineComment: '--', blockComment: ['/*', '*/'] },
  brackets: [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  wordPattern: /[A-Za-z_][A-Za-z0-9_]*/,
};

function defineTheme(monaco: Monaco): void {
  monaco.editor.defineTheme(ESCRIPT_THEME, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: '', foreground: EDITOR_FOREGROUND },
      ...SEMANTIC_TOKEN_TYPES.map((type) => ({ token: type, ...TOKEN_STYLES[type] })),
    ],
    colors: {
      'editor.background': '#FFFFFF',
      'editor.foreground': `#${EDITOR_FOREGROUND}`,
      'editorLineNumber.foreground': '#98A2B3',
      'editor.lineHighlightBackground': '#F6F9FC',
    },
  });
}

/** Keeps one incremental Lezer tree per model, fed by the model's change events. */
function treeFor(model: MonacoApi.editor.ITextModel, trees: WeakMap<object, IncrementalTree>): IncrementalTree {
  let tree = trees.get(model);
  if (!tree) {
    const created = new IncrementalTree(escriptEditorParser);
    model.onDidChangeContent((event) => created.applyEdits(event.changes));
    trees.set(model, created);
    tree = created;
  }
  return tree;
}

/** Registers the `escript` language, its tokenizers and its theme in `monaco` (once per Monaco instance). */
export function registerEscriptLanguage(monaco: Monaco): void {
  if (registered.has(monaco)) return;
  registered.add(monaco);

  monaco.languages.register({ id: ESCRIPT_LANGUAGE_ID, extensions: ['.es'], aliases: ['elastic-script', 'escript'] });
  monaco.languages.setLanguageConfiguration(ESCRIPT_LANGUAGE_ID, configuration);
  monaco.languages.setMonarchTokensProvider(ESCRIPT_LANGUAGE_ID, monarch);
  defineTheme(monaco);

  const trees = new WeakMap<object, IncrementalTree>();
  monaco.languages.registerDocumentRangeSemanticTokensProvider(ESCRIPT_LANGUAGE_ID, {
    getLegend: () => ({ tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [] }),
    provideDocumentRangeSemanticTokens(model, range) {
      const text = model.getValue();
      const tree = treeFor(model, trees).tree(text);
      const from = model.getOffsetAt({ lineNumber: range.startLineNumber, column: range.startColumn });
      const to = model.getOffsetAt({ lineNumber: range.endLineNumber, column: range.endColumn });
      return { data: semanticTokens(tree, text, from, to) };
    },
  });
}
