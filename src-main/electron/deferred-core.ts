import type { ShiftdeskApi } from '../../src-shared/contract/api';

// Core as the window sees it while the profile is still opening (demo data generating, database
// migrating): calls wait for core, subscriptions attach when it is there. The window can paint at
// once instead of after core's start-up.

export function deferredCore(ready: Promise<ShiftdeskApi>): ShiftdeskApi {
  return {
    call: async (method, input) => (await ready).call(method, input),
    on(event, listener) {
      let off: (() => void) | null = null;
      let cancelled = false;
      void ready.then(
        (core) => {
          if (!cancelled) off = core.on(event, listener);
        },
        () => undefined,
      );
      return () => {
        cancelled = true;
        off?.();
      };
    },
  };
}
