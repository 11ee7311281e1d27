import type { StoreLogger } from "../src/store/index.js";

/** A store logger that keeps what was logged, for tests that check it. */
export function silentLogger(): StoreLogger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
  };
  return {
    lines,
    debug: keep("debug"),
    info: keep("info"),
    warn: keep("warn"),
    error: keep("error"),
  };
}
