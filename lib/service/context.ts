/**
 * The process-wide service context: one Elasticsearch client (cluster or embedded), one execution
 * scheduler and the in-memory run logs. Kept on `globalThis` so that `next dev` reloads still find
 * exactly one of each (STACK.md), and created on first use (or by `configureService`).
 */
import { hostname } from 'node:os';
import type { Client } from '@elastic/elasticsearch';
import { createClient, ensureSystemIndices, storeConfigFromEnv, type StoreConfig } from '../elasticsearch';
import { Scheduler, schedulerConfigFromEnv } from '../executions';
import { limitsFromEnv } from '../runtime/limits';
import { RunRegistry } from './run-registry';

export interface ServiceContext {
  client: Client;
  scheduler: Scheduler;
  runs: RunRegistry;
  node: string;
  config: StoreConfig;
}

interface ServiceGlobal {
  overrides?: Partial<StoreConfig>;
  context?: Promise<ServiceContext>;
}

const GLOBAL_KEY = Symbol.for('elastic-script-studio.service');
const slot = (): ServiceGlobal => {
  const g = globalThis as unknown as Record<symbol, ServiceGlobal | undefined>;
  return (g[GLOBAL_KEY] ??= {});
};

/** This node's name (§1 Nodes): `ESCRIPT_NODE_NAME`, else `<host>-<pid>`. */
export const nodeName = (env: NodeJS.ProcessEnv = process.env): string =>
  env.ESCRIPT_NODE_NAME || `${hostname()}-${process.pid}`;

/** Sets store options before first use (the CLI's `--data DIR`). Throws if the context already exists. */
export function configureService(overrides: Partial<StoreConfig>): void {
  const s = slot();
  if (s.context) throw new Error('bug: configureService called after the service context was created');
  s.overrides = overrides;
}

async function createContext(overrides: Partial<StoreConfig>): Promise<ServiceContext> {
  const config = storeConfigFromEnv(process.env, overrides);
  limitsFromEnv(process.env); // a bad ESCRIPT_MAX_* value stops the start with a clear message
  const schedulerConfig = schedulerConfigFromEnv(process.env); // likewise ESCRIPT_LEASE_MS and friends

  const client = await createClient(config);
  await ensureSystemIndices(client);
  const runs = new RunRegistry();
  const node = nodeName();
  const scheduler = new Scheduler({
    client, node, nodeConfigured: Boolean(process.env.ESCRIPT_NODE_NAME), listener: runs.schedulerListener(),
    config: schedulerConfig,
  });
  // §13.13: at start-up and then periodically, in the background (a start never waits for recovery).
  scheduler.startRecovery();
  return { client, scheduler, runs, node, config };
}

/** The context, created on first call. */
export function serviceContext(): Promise<ServiceContext> {
  const s = slot();
  if (!s.context) {
    s.context = createContext(s.overrides ?? {});
    // A failed start must not be cached: the next call tries again (for example once the cluster is up).
    s.context.catch(() => { if (slot().context) slot().context = undefined; });
  }
  return s.context;
}

/** Closes the client and stops the scheduler's timers (CLI exit, tests). */
export async function closeService(): Promise<void> {
  const s = slot();
  const context = s.context;
  s.context = undefined;
  if (!context) return;
  const { client, scheduler } = await context;
  await scheduler.close();
  await client.close();
}
