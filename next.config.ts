import type { NextConfig } from 'next';

/**
 * Next.js configuration for elastic-script studio.
 * - `better-sqlite3` is a native module and `@elastic/elasticsearch` is Node-only: both stay external
 *   to the server bundle so Node loads them as is.
 * - `next dev` refuses `/_next/*` from origin 127.0.0.1 unless it is listed (STACK.md, Next.js).
 * - Monaco needs nothing here: its worker is created with `new URL(..., import.meta.url)`, which Turbopack
 *   bundles on its own, and its CSS imports come from node_modules, which the App Router allows.
 * - The generated Lezer parsers import their helpers with a literal `.js` extension (the grammar must say
 *   `from "./tokens.js"`), and Turbopack has no `extensionAlias`: map those specifiers to the `.ts` sources.
 */
const GRAMMAR_HELPERS = ['tokens', 'highlight', 'esql-tokens'];
const config: NextConfig = {
  serverExternalPackages: ['better-sqlite3', '@elastic/elasticsearch'],
  turbopack: {
    resolveAlias: Object.fromEntries(GRAMMAR_HELPERS.map((name) => [`./${name}.js`, `./grammar/${name}.ts`])),
  },
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
