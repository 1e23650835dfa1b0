'use client';

import createCache, { type EmotionCache } from '@emotion/cache';
import { EuiProvider } from '@elastic/eui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useServerInsertedHTML } from 'next/navigation';
import { type ReactNode, useState } from 'react';

/** Props of `AppProviders`. */
export interface AppProvidersProps {
  /** The app. */
  children: ReactNode;
}

/**
 * An Emotion cache that remembers which styles were inserted during a server render, so they can be
 * written into the HTML stream (App Router has no document to collect them into).
 */
function createFlushableCache(): { cache: EmotionCache; flush: () => string[] } {
  const cache = createCache({ key: 'css' });
  cache.compat = true;
  const insert = cache.insert;
  let inserted: string[] = [];
  cache.insert = (...args) => {
    const serialized = args[1];
    if (cache.inserted[serialized.name] === undefined) inserted.push(serialized.name);
    return insert(...args);
  };
  const flush = () => {
    const names = inserted;
    inserted = [];
    return names;
  };
  return { cache, flush };
}

/**
 * The client-side providers of every page: EUI (with an Emotion cache flushed into the server HTML via
 * `useServerInsertedHTML`, STACK.md) and TanStack Query.
 */
export function AppProviders({ children }: AppProvidersProps) {
  const [{ cache, flush }] = useState(createFlushableCache);
  // One client per browser tab, kept across renders so a suspended first render keeps its cache.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );

  useServerInsertedHTML(() => {
    const names = flush();
    if (names.length === 0) return null;
    const styles = names.map((name) => cache.inserted[name]).filter((style) => typeof style === 'string').join('');
    return <style data-emotion={`${cache.key} ${names.join(' ')}`} dangerouslySetInnerHTML={{ __html: styles }} />;
  });

  return (
    <EuiProvider cache={cache} colorMode="light">
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </EuiProvider>
  );
}
