/**
 * Next.js start-up hook: the store (client, system indices) and the execution scheduler start with
 * the server process, not with the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { serviceContext } = await import('./lib/service');
  await serviceContext();
}
