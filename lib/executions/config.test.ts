import { describe, expect, it } from 'vitest';
import { resolveSchedulerConfig, SCHEDULER_DEFAULTS, schedulerConfigFromEnv } from './config';

describe('scheduler configuration', () => {
  it('has the spec\'s numbers by default (§13.8, §13.13)', () => {
    expect(resolveSchedulerConfig()).toMatchObject({ heartbeatMs: 5_000, leaseMs: 30_000, sweepMs: 30_000, pollMs: 200 });
    expect(SCHEDULER_DEFAULTS.cancelPollMs).toBeLessThanOrEqual(500);
  });

  it('reads the environment', () => {
    expect(schedulerConfigFromEnv({
      ESCRIPT_HEARTBEAT_MS: '500', ESCRIPT_LEASE_MS: '3000', ESCRIPT_RECOVERY_SWEEP_MS: '1000',
      ESCRIPT_CANCEL_POLL_MS: '100', ESCRIPT_MAX_RUNNING_EXECUTIONS: '4', ESCRIPT_UNRELATED: 'x',
    })).toEqual({ heartbeatMs: 500, leaseMs: 3_000, sweepMs: 1_000, cancelPollMs: 100, maxRunning: 4 });
    expect(schedulerConfigFromEnv({ ESCRIPT_LEASE_MS: '' })).toEqual({});
  });

  it.each([
    [{ ESCRIPT_LEASE_MS: 'soon' }, "ESCRIPT_LEASE_MS must be a positive integer, got 'soon'"],
    [{ ESCRIPT_MAX_RUNNING_EXECUTIONS: '0' }, "ESCRIPT_MAX_RUNNING_EXECUTIONS must be a positive integer, got '0'"],
  ])('rejects %j', (env, message) => expect(() => schedulerConfigFromEnv(env)).toThrow(message));

  it('refuses a lease a live owner could not keep', () => {
    expect(() => resolveSchedulerConfig({ heartbeatMs: 5_000, leaseMs: 10_000 }))
      .toThrow('the execution lease (10000 ms) must be longer than two heartbeats (5000 ms each)');
  });
});
