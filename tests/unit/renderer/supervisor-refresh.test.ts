import type { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { supervisorKeys, supervisorRefresher, throttle } from '../../../src-renderer/api/supervisor';

describe('the supervisor panel refetch throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, then at most once per window, and never drops the last change', () => {
    const fn = vi.fn();
    const t = throttle(fn, 500);
    t.run();
    expect(fn).toHaveBeenCalledTimes(1); // a single change shows at once
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(9);
      t.run(); // a busy sync: 50 changes in 450 ms
    }
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(50);
    expect(fn).toHaveBeenCalledTimes(2); // the trailing run covers them all
    vi.advanceTimersByTime(5_000);
    expect(fn).toHaveBeenCalledTimes(2);
    t.run();
    expect(fn).toHaveBeenCalledTimes(3); // quiet for a while: at once again
  });

  it('cancel drops a pending run', () => {
    const fn = vi.fn();
    const t = throttle(fn, 500);
    t.run();
    t.run();
    t.cancel();
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('invalidates the supervisor queries', () => {
    const invalidateQueries = vi.fn(() => Promise.resolve());
    const refresher = supervisorRefresher({ invalidateQueries } as unknown as QueryClient);
    refresher.run();
    expect(invalidateQueries).toHaveBeenCalledWith({ queryKey: supervisorKeys.all });
  });
});
