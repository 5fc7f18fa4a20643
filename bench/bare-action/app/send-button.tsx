"use client";

import { insertBlobAction } from "./actions";

/** Makes insertBlobAction callable from the browser, as the tip form's action is. */
export function SendButton() {
  return (
    <button type="button" onClick={() => void insertBlobAction({ blob: "" })}>
      send with JavaScript
    </button>
  );
}
