import { describe, expect, it } from 'vitest';
import { presenceSecretKey, presenceSettingsSchema } from '../../../../src-main/core/presence/presence-settings';
import {
  caseKeyFor,
  eventsTopic,
  helpdeskIdentity,
  isValidAgentId,
  isValidCaseKey,
  isValidWorkspace,
  parseTopic,
  presenceTopic,
  statusTopic,
  workspaceFilter,
} from '../../../../src-main/core/presence/topics';

// The topic scheme of docs/presence.md: every topic an agent publishes ends in its agent id (the
// broker ACL's %u), and parsing gives back exactly what building put in.

describe('presence topics', () => {
  it('builds the three topics under the workspace prefix', () => {
    expect(workspaceFilter('support')).toBe('shiftdesk/support/#');
    expect(statusTopic('support', 'ana@example.com')).toBe('shiftdesk/support/agents/ana@example.com/status');
    expect(presenceTopic('support', 'acme.zendesk.com:42', 'ana@example.com')).toBe('shiftdesk/support/cases/acme.zendesk.com:42/presence/ana@example.com');
    expect(eventsTopic('support', 'acme.zendesk.com:42', 'ana@example.com')).toBe('shiftdesk/support/cases/acme.zendesk.com:42/events/ana@example.com');
  });

  it('parses its own topics back, and nothing else', () => {
    expect(parseTopic('support', statusTopic('support', 'ana@example.com'))).toEqual({ kind: 'status', agentId: 'ana@example.com' });
    expect(parseTopic('support', presenceTopic('support', 'h:1', 'ben'))).toEqual({ kind: 'presence', caseKey: 'h:1', agentId: 'ben' });
    expect(parseTopic('support', eventsTopic('support', 'h:1', 'ben'))).toEqual({ kind: 'event', caseKey: 'h:1', agentId: 'ben' });
    // another workspace, another root, unknown shapes, extra or missing levels
    expect(parseTopic('support', statusTopic('sales', 'ana'))).toBeNull();
    expect(parseTopic('support', 'other/support/agents/ana/status')).toBeNull();
    expect(parseTopic('support', 'shiftdesk/support/agents/ana/status/extra')).toBeNull();
    expect(parseTopic('support', 'shiftdesk/support/agents/ana')).toBeNull();
    expect(parseTopic('support', 'shiftdesk/support/agents/ana/mood')).toBeNull();
    expect(parseTopic('support', 'shiftdesk/support/cases/h:1/presence')).toBeNull();
    expect(parseTopic('support', 'shiftdesk/support/cases/h:1/notes/ana')).toBeNull();
    expect(parseTopic('support', 'shiftdesk/support/agents//status')).toBeNull();
    expect(parseTopic('support', 'shiftdesk/support/cases//presence/ana')).toBeNull();
    expect(parseTopic('support', 'shiftdesk/support/agents/has space/status')).toBeNull();
  });

  it('refuses ids that would break a topic level or match a wildcard', () => {
    for (const bad of ['', 'a/b', 'a+b', 'a#', 'with space', 'tab\t', 'nul\u0000', '$SYS', 'x'.repeat(129)]) {
      expect(isValidAgentId(bad), JSON.stringify(bad)).toBe(false);
      expect(() => statusTopic('support', bad)).toThrow();
    }
    for (const good of ['ana@example.com', 'agent-7', '김민준', 'x'.repeat(128)]) expect(isValidAgentId(good)).toBe(true);
    for (const bad of ['', 'a/b', 'a+b', '#', 'x'.repeat(201)]) {
      expect(isValidCaseKey(bad)).toBe(false);
      expect(() => presenceTopic('support', bad, 'ana')).toThrow();
    }
    for (const bad of ['', 'a/b', 'a+', 'ü', 'x'.repeat(65), 'has space']) {
      expect(isValidWorkspace(bad)).toBe(false);
      expect(() => workspaceFilter(bad)).toThrow();
    }
  });

  it('keys a case by its helpdesk and remote id, the same for every agent', () => {
    expect(caseKeyFor('https://Acme.Zendesk.com/', '4211')).toBe('acme.zendesk.com:4211');
    expect(caseKeyFor('https://acme.zendesk.com', '4211')).toBe('acme.zendesk.com:4211');
    expect(caseKeyFor('https://acme.zendesk.com:443', '4211')).toBe('acme.zendesk.com:4211');
    expect(caseKeyFor('http://127.0.0.1:4010', '17')).toBe('127.0.0.1:4010:17');
    // a helpdesk under a path stays one topic level, and differs from the one at the root
    expect(helpdeskIdentity('https://example.com/help/desk/')).toBe('example.com%2Fhelp%2Fdesk');
    expect(caseKeyFor('https://example.com/help', '1')).not.toBe(caseKeyFor('https://example.com', '1'));
    // remote ids that are not numbers cannot escape their level
    expect(caseKeyFor('https://mail.example.com', '<a/b+c#d@x>')).toBe('mail.example.com:%3Ca%2Fb%2Bc%23d%40x%3E');
    expect(isValidCaseKey(caseKeyFor('https://mail.example.com', '<a/b+c#d@x>'))).toBe(true);
    expect(() => caseKeyFor('https://acme.zendesk.com', '')).toThrow();
  });
});

describe('presence settings', () => {
  it('accepts a broker URL without credentials, a username that is a valid agent id, and a workspace', () => {
    const settings = presenceSettingsSchema.parse({ brokerUrl: ' mqtt://broker.example.com:1883 ', username: 'ana@example.com', workspace: 'support' });
    expect(settings.brokerUrl).toBe('mqtt://broker.example.com:1883');
    for (const brokerUrl of ['mqtts://b.example.com:8883', 'ws://127.0.0.1:9001/mqtt', 'wss://b.example.com/mqtt']) expect(presenceSettingsSchema.safeParse({ ...settings, brokerUrl }).success).toBe(true);
    for (const brokerUrl of ['http://b.example.com', 'mqtt://user:secret@b.example.com', 'not a url', 'mqtt://']) expect(presenceSettingsSchema.safeParse({ ...settings, brokerUrl }).success, brokerUrl).toBe(false);
    expect(presenceSettingsSchema.safeParse({ ...settings, username: 'a/b' }).success).toBe(false);
    expect(presenceSettingsSchema.safeParse({ ...settings, workspace: 'a/b' }).success).toBe(false);
    // the password is not a setting
    expect(presenceSettingsSchema.safeParse({ ...settings, password: 'secret' }).success).toBe(false);
  });

  it('keeps the password in the secret store under a key per user and broker', () => {
    expect(presenceSecretKey({ brokerUrl: 'mqtt://b:1883', username: 'ana@example.com' })).toBe('presence:ana@example.com@mqtt://b:1883:password');
    expect(presenceSecretKey({ brokerUrl: 'mqtt://b:1883', username: 'ben' })).not.toBe(presenceSecretKey({ brokerUrl: 'mqtt://b:1883', username: 'ana' }));
  });
});
