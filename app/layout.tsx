import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '../components/layout/app-header';
import { AppProviders } from '../components/layout/app-providers';

export const metadata: Metadata = {
  title: 'elastic-script studio',
  description: 'A Kibana-style IDE and runtime for elastic-script',
};

/** The root layout: EUI and query providers, the header, then the page. No external fonts or CDNs. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ margin: 0 }}>
        <AppProviders>
          <AppHeader />
          <main>{children}</main>
        </AppProviders>
      </body>
    </html>
  );
}
