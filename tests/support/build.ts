// vitest global setup: one production build, if the sources changed, before any test file
// starts a server from it.
import { buildIfStale } from "../../scripts/lib/build-if-stale";

export default function setup() {
  buildIfStale();
}
