// The wire protocol's version, in a module of its own so the live pages can check a snapshot
// against it without loading the schemas (lib/protocol.ts re-exports it).

/**
 * 2: patches are per audience (a client hears only of changes it can see), `sync` answers with a
 * `snapshot` message, screens get `onlineCount` instead of connections, `activeEvent` on a switch.
 */
export const PROTOCOL_VERSION = 2;
