'use client';

import { EuiHeader, EuiHeaderLink, EuiHeaderLinks, EuiHeaderLogo, EuiHeaderSectionItem } from '@elastic/eui';
import { usePathname, useRouter } from 'next/navigation';
import type { MouseEvent } from 'react';

/** The navigation entries of the header: label and path. */
export const NAV_ITEMS = [
  { label: 'Editor', href: '/' },
  { label: 'Executions', href: '/executions' },
] as const;

/** The Kibana-like top bar: product name and the navigation between the IDE and the executions dashboard. */
export function AppHeader() {
  const pathname = usePathname();
  const router = useRouter();
  return (
    <EuiHeader position="static" theme="dark" data-test-subj="appHeader">
      <EuiHeaderSectionItem>
        <EuiHeaderLogo href="/" iconTitle="elastic-script studio" aria-label="elastic-script studio home" />
        <span style={{ color: '#FFFFFF', fontWeight: 600, fontSize: 15, paddingRight: 16 }}>elastic-script studio</span>
      </EuiHeaderSectionItem>
      <EuiHeaderSectionItem>
        <EuiHeaderLinks aria-label="Main navigation" popoverBreakpoints="none">
          {NAV_ITEMS.map((item) => (
            <EuiHeaderLink
              key={item.href}
              href={item.href}
              isActive={pathname === item.href}
              data-test-subj={`nav-${item.label.toLowerCase()}`}
              onClick={(event: MouseEvent<HTMLElement>) => {
                // Client-side navigation keeps the query cache; modified clicks still open new tabs.
                if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                router.push(item.href);
              }}
            >
              {item.label}
            </EuiHeaderLink>
          ))}
        </EuiHeaderLinks>
      </EuiHeaderSectionItem>
    </EuiHeader>
  );
}
