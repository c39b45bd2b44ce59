import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const PANE_LIMITS = {
  sidebar: { min: 160, max: 320, initial: 200 },
  list: { min: 320, max: 720, initial: 420 },
  customer: { min: 240, max: 480, initial: 300 },
} as const;
export type Pane = keyof typeof PANE_LIMITS;

type Widths = Record<Pane, number>;

/** Pane widths, remembered on this machine; the case pane takes what is left. */
export const useLayout = create<Widths>()(
  persist((): Widths => ({ sidebar: PANE_LIMITS.sidebar.initial, list: PANE_LIMITS.list.initial, customer: PANE_LIMITS.customer.initial }), {
    name: 'shiftdesk.layout',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    merge: (persisted, current) => {
      const saved = (persisted ?? {}) as Partial<Widths>;
      const pick = (pane: Pane) => {
        const value = saved[pane];
        const { min, max } = PANE_LIMITS[pane];
        return typeof value === 'number' && value >= min && value <= max ? value : current[pane];
      };
      return { ...current, sidebar: pick('sidebar'), list: pick('list'), customer: pick('customer') };
    },
  }),
);

export function setPaneWidth(pane: Pane, width: number): void {
  useLayout.setState({ [pane]: width } as Partial<Widths>);
}
