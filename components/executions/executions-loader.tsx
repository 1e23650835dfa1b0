'use client';

import dynamic from 'next/dynamic';
import type { ExecutionsViewProps } from './executions-view';

// The table, badges and popovers are EUI-heavy and use the DOM: render them in the browser only (STACK.md).
const ExecutionsView = dynamic(() => import('./executions-view').then((module) => module.ExecutionsView), {
  ssr: false,
  loading: () => <div style={{ padding: 24, color: '#6A717D' }}>Loading executions…</div>,
});

/** Client-only entry of the executions dashboard. */
export function ExecutionsLoader(props: ExecutionsViewProps) {
  return <ExecutionsView {...props} />;
}
