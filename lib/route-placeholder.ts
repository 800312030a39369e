/**
 * The one value a dynamic page segment (a join token, an event id) is built with in the static export;
 * the server maps every real value onto it (server/static-pages.ts). Not a valid token or event id.
 */
export const PLACEHOLDER_PARAM = '_';
