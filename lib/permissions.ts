// Who may send which command. Checked by the reducer on every command, whatever the transport.
import type { Actor } from './model';
import type { Command, RollcallError } from './protocol';

const PARTICIPANT_COMMANDS: ReadonlySet<Command['type']> = new Set(['signal.send', 'signal.clear', 'entry.register']);
const SYSTEM_COMMANDS: ReadonlySet<Command['type']> = new Set(['presence.set']);
/** Raised by participants only: a moderator cannot fake a city's signal. */
const NOT_FOR_MODERATOR: ReadonlySet<Command['type']> = new Set(['signal.send', 'presence.set']);

export function authorize(actor: Actor, command: Command): RollcallError | null {
  const deny = (message: string): RollcallError => ({ code: 'forbidden', reason: 'forbidden', message });
  switch (actor.role) {
    case 'moderator':
      return NOT_FOR_MODERATOR.has(command.type) ? deny(`${command.type} is not a moderator command`) : null;
    case 'participant': {
      if (!PARTICIPANT_COMMANDS.has(command.type)) return deny(`a participant may not send ${command.type}`);
      const target = 'entryId' in command ? command.entryId : undefined;
      if (target !== undefined && target !== actor.entryId) return deny('a participant may only act for its own entry');
      return null;
    }
    case 'system':
      return SYSTEM_COMMANDS.has(command.type) ? null : deny(`the server may not send ${command.type}`);
    case 'viewer':
      return deny('screens are read-only');
    default:
      return actor satisfies never;
  }
}
