// The wire protocol's version, in a module of its own so the live pages can check a snapshot
// against it without loading the schemas (lib/protocol.ts re-exports it). A page whose version
// differs from the server's reloads once (components/live/live-connection.ts).

/**
 * 3: a patch's `events` is `notices`; the moderators' `audience` message and snapshot field are
 * `headcount`.
 * 2: patches are per audience (a client hears only of changes it can see), `sync` answers with a
 * `snapshot` message, screens get `onlineCount` instead of connections, `activeEvent` on a switch.
 */
export const PROTOCOL_VERSION = 3;
