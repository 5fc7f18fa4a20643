// Turbopack, rooted at the repository for its node_modules, would otherwise take the tip
// line's own instrumentation.ts (which needs the tip line's environment) for this app.
export function register(): void {}
