import { describe, expect, it } from 'vitest';
import { scrollTopKeeping } from '../../../src-renderer/features/case/keep-in-view';

// The thread column got shorter (the composer grew): where it scrolls so the latest customer message stays in view.
describe('scrollTopKeeping', () => {
  it('brings the end of a message that was in view back into view', () => {
    // Column 600 px high at the top; the message spans 400–550; the column shrinks to 300.
    expect(scrollTopKeeping({ top: 400, bottom: 550 }, 0, 600, 300)).toBe(250);
  });

  it('keeps the start of a message taller than the column in view', () => {
    expect(scrollTopKeeping({ top: 200, bottom: 900 }, 0, 600, 300)).toBe(200);
  });

  it('counts a message partly in view as in view', () => {
    expect(scrollTopKeeping({ top: 500, bottom: 700 }, 0, 600, 300)).toBe(400);
  });

  it('leaves the column alone when the message still fits, or was not in view, or the column grew', () => {
    expect(scrollTopKeeping({ top: 100, bottom: 200 }, 0, 600, 300)).toBeNull();
    expect(scrollTopKeeping({ top: 900, bottom: 1000 }, 0, 600, 300)).toBeNull();
    expect(scrollTopKeeping({ top: 0, bottom: 100 }, 500, 600, 300)).toBeNull();
    expect(scrollTopKeeping({ top: 400, bottom: 550 }, 0, 300, 600)).toBeNull();
  });

  it('never scrolls back up', () => {
    // Scrolled to 300: the message 250–320 was in view and still is.
    expect(scrollTopKeeping({ top: 250, bottom: 320 }, 300, 600, 300)).toBeNull();
  });
});
