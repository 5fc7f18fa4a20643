/** A session unused for this long ends: on the server (the session row) and in the tab (the keys). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
