/**
 * Keeps the editor buffer in `localStorage`, so a reload never loses work. Storage failures (private mode,
 * quota) are ignored: the editor still works, it just doesn't persist.
 */

/** The `localStorage` key of the buffer. */
export const BUFFER_KEY = 'escript-studio.buffer';

/** What a first visit shows. */
export const WELCOME_SCRIPT = `-- Welcome to elastic-script studio.
-- Run the whole script with Ctrl+Enter (Cmd+Enter on a Mac), or pick a script from Examples.

VAR who = 'world';
PRINT "Hello, \${who}!";

FROM .escript_executions | KEEP execution_id, status | LIMIT 5;
`;

/** The saved buffer, or the welcome script when nothing was saved. */
export function loadBuffer(): string {
  try {
    return window.localStorage.getItem(BUFFER_KEY) ?? WELCOME_SCRIPT;
  } catch {
    return WELCOME_SCRIPT;
  }
}

/** Saves the buffer. */
export function saveBuffer(source: string): void {
  try {
    window.localStorage.setItem(BUFFER_KEY, source);
  } catch {
    // Not persisting is acceptable; losing the ability to edit is not.
  }
}
