'use client';

import dynamic from 'next/dynamic';
import type { StudioProps } from './studio';

// Monaco and the EUI views only exist in the browser (STACK.md): no server rendering for the IDE.
const Studio = dynamic(() => import('./studio').then((module) => module.Studio), {
  ssr: false,
  loading: () => <div style={{ padding: 24, color: '#6A717D' }}>Loading the editor…</div>,
});

/** Client-only entry of the IDE page. */
export function StudioLoader(props: StudioProps) {
  return <Studio {...props} />;
}
