import { describe, expect, it } from 'vitest';
import {
  connectionDisplay,
  fieldProblems,
  initialPresenceForm,
  passwordLeftBehind,
  presenceSettingsInput,
  presenceSettingsProblems,
  removePasswordInput,
  sentence,
} from '../../../src-renderer/features/settings/presence-settings-logic';

const SAVED = { brokerUrl: 'mqtts://broker.example.com:8883', username: 'ana@example.com', workspace: 'support', hasPassword: true, passwordMissing: false };

describe('what the presence form sends', () => {
  it('opens with the saved settings and never a password', () => {
    expect(initialPresenceForm(SAVED)).toEqual({ brokerUrl: SAVED.brokerUrl, username: SAVED.username, workspace: 'support', password: '' });
    expect(initialPresenceForm(null)).toEqual({ brokerUrl: '', username: '', workspace: '', password: '' });
    expect(initialPresenceForm(undefined).password).toBe('');
  });

  it('leaves the password out when none was typed (core keeps the saved one)', () => {
    const input = presenceSettingsInput({ brokerUrl: ' mqtt://h:1883 ', username: ' ana@example.com', workspace: 'support ', password: '' });
    expect(input).toEqual({ brokerUrl: 'mqtt://h:1883', username: 'ana@example.com', workspace: 'support' });
    expect('password' in input).toBe(false);
  });

  it('sends a typed password as typed, spaces included', () => {
    expect(presenceSettingsInput({ ...initialPresenceForm(SAVED), password: ' pa ss ' }).password).toBe(' pa ss ');
  });

  it('removes the password with null, keeping the saved settings', () => {
    expect(removePasswordInput(SAVED)).toEqual({ brokerUrl: SAVED.brokerUrl, username: SAVED.username, workspace: 'support', password: null });
  });

  it('warns that a saved password does not follow a new broker URL or username', () => {
    const form = initialPresenceForm(SAVED);
    expect(passwordLeftBehind(SAVED, form)).toBe(false);
    expect(passwordLeftBehind(SAVED, { ...form, workspace: 'other' })).toBe(false);
    expect(passwordLeftBehind(SAVED, { ...form, brokerUrl: 'mqtts://other:8883' })).toBe(true);
    expect(passwordLeftBehind(SAVED, { ...form, username: 'bo@example.com' })).toBe(true);
    expect(passwordLeftBehind(SAVED, { ...form, username: ` ${SAVED.username} ` }), 'trimmed like the input').toBe(false);
    expect(passwordLeftBehind(SAVED, { ...form, brokerUrl: 'mqtts://other:8883', password: 'x' }), 'typed again').toBe(false);
    expect(passwordLeftBehind({ ...SAVED, hasPassword: false }, { ...form, brokerUrl: 'mqtts://other:8883' })).toBe(false);
    expect(passwordLeftBehind(null, form)).toBe(false);
  });
});

describe("core's refusal, field by field", () => {
  it("maps core's own rules to their fields", () => {
    const problems = presenceSettingsProblems(
      'Invalid presence settings: brokerUrl: a broker URL is mqtt://, mqtts://, ws:// or wss:// with a host and no credentials; workspace: a workspace has 1–64 letters, digits, ".", "_" or "-"',
    );
    expect(problems).toEqual([
      { field: 'brokerUrl', message: 'a broker URL is mqtt://, mqtts://, ws:// or wss:// with a host and no credentials' },
      { field: 'workspace', message: 'a workspace has 1–64 letters, digits, ".", "_" or "-"' },
    ]);
    expect(fieldProblems(problems)).toEqual({ brokerUrl: problems[0]!.message, workspace: problems[1]!.message });
  });

  it("maps the contract schema's complaints too", () => {
    const problems = presenceSettingsProblems('Invalid input for presence:settings:set: username: String must contain at least 1 character(s)');
    expect(problems).toEqual([{ field: 'username', message: 'String must contain at least 1 character(s)' }]);
  });

  it('keeps the first complaint of a field', () => {
    const problems = presenceSettingsProblems('Invalid presence settings: username: first; username: second');
    expect(fieldProblems(problems)).toEqual({ username: 'first' });
  });

  it('finds the complaint behind a prefix the shell added', () => {
    expect(presenceSettingsProblems("Error invoking remote method 'call': InvalidInputError: Invalid presence settings: username: no spaces")).toEqual([
      { field: 'username', message: 'no spaces' },
    ]);
  });

  it('keeps anything else whole, without a field', () => {
    expect(presenceSettingsProblems('Shiftdesk is not reachable, so "presence:settings:set" could not be sent.')).toEqual([
      { field: null, message: 'Shiftdesk is not reachable, so "presence:settings:set" could not be sent.' },
    ]);
    expect(presenceSettingsProblems('Invalid input for presence:settings:set: password: Expected string, received number')).toEqual([
      { field: null, message: 'password: Expected string, received number' },
    ]);
    expect(presenceSettingsProblems('')).toEqual([{ field: null, message: '' }]);
  });
});

describe('the connection line', () => {
  const now = 1_000_000;
  it('says "not set up" without settings, whatever the connection says', () => {
    expect(connectionDisplay(false, { state: 'unavailable', error: 'Presence is not set up', nextRetryAt: null }, now)).toEqual({ state: 'not-configured' });
  });

  it('reads connecting until core has said otherwise', () => {
    expect(connectionDisplay(true, undefined, now)).toEqual({ state: 'connecting' });
    expect(connectionDisplay(true, { state: 'connecting', error: null, nextRetryAt: null }, now)).toEqual({ state: 'connecting' });
    expect(connectionDisplay(true, { state: 'connected', error: null, nextRetryAt: null }, now)).toEqual({ state: 'connected' });
  });

  it('counts down to the next attempt in whole seconds, never below zero', () => {
    const down = (nextRetryAt: number | null) => connectionDisplay(true, { state: 'unavailable', error: 'ECONNREFUSED', nextRetryAt }, now);
    expect(down(now + 4_200)).toEqual({ state: 'unavailable', error: 'ECONNREFUSED', retryInSeconds: 5 });
    expect(down(now + 1)).toMatchObject({ retryInSeconds: 1 });
    expect(down(now - 500)).toMatchObject({ retryInSeconds: 0 });
    expect(down(null)).toMatchObject({ retryInSeconds: null });
  });
});

describe('sentence', () => {
  it("makes core's words a sentence", () => {
    expect(sentence('a broker URL is mqtt://')).toBe('A broker URL is mqtt://.');
    expect(sentence(' cannot reach the broker (connect ECONNREFUSED) ')).toBe('Cannot reach the broker (connect ECONNREFUSED)');
    expect(sentence('Done.')).toBe('Done.');
    expect(sentence('')).toBe('');
  });
});
