import { describe, expect, it } from 'vitest';
import { mayPublish, maySubscribe } from '../../../src-main/demo/presence-broker';

// The embedded broker's ACL says what resources/mosquitto/acl says: an agent publishes only topics
// that end in its own user name; everyone reads shiftdesk/#.

describe('demo presence broker ACL', () => {
  it('lets an agent publish its own status, case presence and case events', () => {
    expect(mayPublish('ana@example.com', 'shiftdesk/support/agents/ana@example.com/status')).toBe(true);
    expect(mayPublish('ana@example.com', 'shiftdesk/support/agents/ana@example.com/anything/below')).toBe(true);
    expect(mayPublish('ana@example.com', 'shiftdesk/support/cases/h:1/presence/ana@example.com')).toBe(true);
    expect(mayPublish('ana@example.com', 'shiftdesk/other/cases/h:1/events/ana@example.com')).toBe(true);
  });

  it('refuses anything said as someone else, or outside the scheme', () => {
    expect(mayPublish('ana@example.com', 'shiftdesk/support/agents/ben@example.com/status')).toBe(false);
    expect(mayPublish('ana@example.com', 'shiftdesk/support/cases/h:1/presence/ben@example.com')).toBe(false);
    expect(mayPublish('ana@example.com', 'shiftdesk/support/cases/h:1/events/ben@example.com')).toBe(false);
    expect(mayPublish('ana@example.com', 'shiftdesk/support/cases/h:1/presence/ana@example.com/x')).toBe(false);
    expect(mayPublish('ana@example.com', 'shiftdesk/support/agents/ana@example.com')).toBe(false);
    expect(mayPublish('ana@example.com', 'elsewhere/support/agents/ana@example.com/status')).toBe(false);
    // the user name is matched literally (a "." is not a wildcard)
    expect(mayPublish('a.a', 'shiftdesk/support/agents/aXa/status')).toBe(false);
    expect(mayPublish('a.a', 'shiftdesk/support/agents/a.a/status')).toBe(true);
  });

  it('lets everyone subscribe within shiftdesk/ only', () => {
    expect(maySubscribe('shiftdesk/#')).toBe(true);
    expect(maySubscribe('shiftdesk/support/#')).toBe(true);
    expect(maySubscribe('#')).toBe(false);
    expect(maySubscribe('$SYS/#')).toBe(false);
  });
});
