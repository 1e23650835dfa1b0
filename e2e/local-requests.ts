import type { Page } from '@playwright/test';

/** URLs that stay on this machine: loopback origins and in-page schemes. */
const LOCAL = /^(?:https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/|data:|blob:|about:)/;

/** Records every request `page` makes; `outside()` lists those that leave localhost. */
export function recordRequests(page: Page): { all: string[]; outside: () => string[] } {
  const all: string[] = [];
  page.on('request', (request) => all.push(request.url()));
  return { all, outside: () => all.filter((url) => !LOCAL.test(url)) };
}

/** `#RRGGBB` / `RRGGBB` → the `rgb(r, g, b)` string that `getComputedStyle` reports. */
export function hexToRgb(hex: string): string {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return `rgb(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255})`;
}
