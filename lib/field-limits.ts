// The lengths and ranges the protocol's schemas enforce (lib/protocol.ts), in a module without
// dependencies so the pages' forms can show and check the same limits without loading the schemas.

/** Longest text, in characters after trimming, of each field that has a limit. */
export const TEXT_MAX = {
  name: 120,
  region: 160,
  representative: 160,
  position: 240,
  practiceTitle: 240,
  practiceSummary: 4000,
  contact: 200,
  eventTitle: 200,
  venue: 200,
  /** The chair, the secretary and each signer. */
  personName: 120,
  signerRole: 160,
  diplomaIssuer: 300,
  message: 500,
  nomination: 200,
} as const;

/** A turn's allotment, and the event's default turn, in seconds. */
export const TURN_SECONDS = { min: 10, max: 3600 } as const;
/** `speaker.extend` adds or takes away at most this many seconds at once (never 0). */
export const EXTEND_SECONDS_MAX = 3600;
export const PLANNED_TOTAL_MINUTES = { min: 1, max: 24 * 60 } as const;
export const WARN_SECONDS = { min: 0, max: 600 } as const;
/** Officers whose signature lines close a diploma. */
export const MAX_SIGNERS = 3;
/** Entries in one event's list. */
export const MAX_ENTRIES = 200;
