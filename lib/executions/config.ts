/**
 * Tuning of the execution scheduler (LANGUAGE.md §13.8, §13.13) and where it comes from: the defaults
 * below, overridden by the process environment. Nothing else in lib/executions applies a default.
 */

/** The scheduler's settings; every duration is in milliseconds. */
export interface SchedulerConfig {
  /** Owners refresh `heartbeat_at` of the records they hold this often (§13.13: 5 s). */
  heartbeatMs: number;
  /** A non-terminal record whose `heartbeat_at` is older than this has lost its owner (§13.13: 30 s). */
  leaseMs: number;
  /** Recovery looks for expired leases and stalled pipelines this often (§13.13: every 30 s). */
  sweepMs: number;
  /** Owners look for CANCEL requests written by other processes this often (§13.8 and issue 5: within 1 s). */
  cancelPollMs: number;
  /** WAIT and CANCEL on executions owned elsewhere poll the record this often (§13.8: within 500 ms). */
  pollMs: number;
  /** WAIT's default timeout in seconds (§13.8). */
  waitTimeoutSeconds: number;
  /** Procedure bodies, branches and handlers running at once on this node; more wait PENDING, in order. */
  maxRunning: number;
  /** Records one recovery query reads at a time. */
  sweepBatch: number;
}

export const SCHEDULER_DEFAULTS: Readonly<SchedulerConfig> = {
  heartbeatMs: 5_000,
  leaseMs: 30_000,
  sweepMs: 30_000,
  cancelPollMs: 250,
  pollMs: 200,
  waitTimeoutSeconds: 60,
  // Sleeping executions cost little; this bounds memory and store load, not CPU (the interpreter yields).
  maxRunning: 1_000,
  sweepBatch: 500,
};

/** The environment variable of each setting that may be configured per process. */
export const SCHEDULER_ENV: Partial<Record<keyof SchedulerConfig, string>> = {
  heartbeatMs: 'ESCRIPT_HEARTBEAT_MS',
  leaseMs: 'ESCRIPT_LEASE_MS',
  sweepMs: 'ESCRIPT_RECOVERY_SWEEP_MS',
  cancelPollMs: 'ESCRIPT_CANCEL_POLL_MS',
  maxRunning: 'ESCRIPT_MAX_RUNNING_EXECUTIONS',
};

/**
 * The settings with `overrides` applied. Throws when a value is not a positive integer, or when the
 * lease is not longer than two heartbeats (a live owner would then look dead between two beats).
 */
export function resolveSchedulerConfig(overrides: Partial<SchedulerConfig> = {}): SchedulerConfig {
  const config = { ...SCHEDULER_DEFAULTS, ...overrides };
  for (const [key, value] of Object.entries(config)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`scheduler setting ${key} must be a positive integer, got ${value}`);
  }
  if (config.leaseMs <= 2 * config.heartbeatMs) {
    throw new Error(`the execution lease (${config.leaseMs} ms) must be longer than two heartbeats (${config.heartbeatMs} ms each)`);
  }
  return config;
}

/** The settings an environment overrides (see SCHEDULER_ENV); a malformed value throws with its name. */
export function schedulerConfigFromEnv(env: Record<string, string | undefined>): Partial<SchedulerConfig> {
  const out: Partial<SchedulerConfig> = {};
  for (const [key, name] of Object.entries(SCHEDULER_ENV) as [keyof SchedulerConfig, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got '${raw}'`);
    out[key] = n;
  }
  return out;
}
