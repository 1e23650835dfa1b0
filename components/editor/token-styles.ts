/**
 * The semantic token legend of the `escript` editor language and the colour of each token type.
 * One table serves the Lezer highlighter (tag → type), the Monaco legend (type order) and the theme
 * rules, so a colour is declared exactly once. Pure data: safe to import from tests and e2e specs.
 */

/** Token types in legend order; the index of a type is what Monaco's semantic token data carries. */
export const SEMANTIC_TOKEN_TYPES = [
  'keyword',
  'type',
  'string',
  'esql',
  'number',
  'constant',
  'comment',
  'operator',
  'function',
  'variable',
  'property',
  'invalid',
] as const;

/** One of the semantic token types of the `escript` language. */
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

/** How one token type is drawn: a 6-digit hex colour without `#`, and an optional Monaco font style. */
export interface TokenStyle {
  foreground: string;
  fontStyle?: 'bold' | 'italic' | 'underline';
}

/** Colours of the light editor theme, close to Kibana's (EUI Borealis) code blocks. */
export const TOKEN_STYLES: Record<SemanticTokenType, TokenStyle> = {
  keyword: { foreground: '0B64DD', fontStyle: 'bold' },
  type: { foreground: '00857A' },
  string: { foreground: '008A5E' },
  esql: { foreground: 'A3197A' },
  number: { foreground: 'A6471A' },
  constant: { foreground: 'C61E25' },
  comment: { foreground: '6A717D', fontStyle: 'italic' },
  operator: { foreground: '516381' },
  function: { foreground: '7B3BC2' },
  variable: { foreground: '1D2A3E' },
  property: { foreground: '2B5D9E' },
  invalid: { foreground: 'BD271E', fontStyle: 'underline' },
};

/** The editor's default text colour (plain identifiers before semantic tokens arrive). */
export const EDITOR_FOREGROUND = '1D2A3E';

/** Name of the Monaco theme that carries these rules. */
export const ESCRIPT_THEME = 'escript-light';

/** Monaco's id of the language. */
export const ESCRIPT_LANGUAGE_ID = 'escript';
