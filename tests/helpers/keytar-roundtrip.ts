// Run inside a D-Bus session with an unlocked GNOME Keyring (see keychain.test.ts): stores, reads,
// overwrites and deletes a secret through the app's KeytarSecretStore and prints what it saw.
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store';

const store = new KeytarSecretStore('Shiftdesk-test');
const key = `account:${process.pid}:token`;
const seen: Record<string, unknown> = {};
seen.before = await store.get(key);
await store.set(key, 'tok-ün1cøde-✓');
seen.afterSet = await store.get(key);
await store.set(key, 'tok-2');
seen.afterOverwrite = await store.get(key);
seen.deleted = await store.delete(key);
seen.afterDelete = await store.get(key);
console.log(JSON.stringify(seen));
