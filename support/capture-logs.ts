/**
 * Captures everything the process logs: every console method (Bolt's default logger
 * writes through console.*) and every write to process.stdout and process.stderr. The
 * captured output is kept out of the test report; restore() puts everything back.
 */
import { format } from "node:util";
import { vi } from "vitest";

export interface CapturedLogs {
  /** One entry per console call or stream write, in order. */
  readonly entries: string[];
  /** Everything captured so far, as one string. */
  text(): string;
  /** Entries that match, optionally from an index of `entries` on. */
  matching(pattern: RegExp, from?: number): string[];
  restore(): void;
}

const CONSOLE_METHODS = ["debug", "info", "log", "warn", "error", "trace"] as const;

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

export function captureLogs(): CapturedLogs {
  const entries: string[] = [];
  const consoleSpies = CONSOLE_METHODS.map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      entries.push(format(...args));
    }),
  );
  const streams = [process.stdout, process.stderr];
  // The streams' own `write`, if they had one (else theirs is the prototype's).
  const owned = streams.map((stream) => Object.getOwnPropertyDescriptor(stream, "write"));
  const capture: Write = (chunk, ...rest) => {
    entries.push(
      typeof chunk === "string"
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk).toString("utf8")
          : String(chunk),
    );
    // write(chunk, [encoding], [callback]): call the callback as the stream would.
    const callback = rest.find((arg) => typeof arg === "function");
    if (typeof callback === "function") {
      queueMicrotask(() => {
        (callback as () => void)();
      });
    }
    return true;
  };
  for (const stream of streams) stream.write = capture;
  return {
    entries,
    text: () => entries.join("\n"),
    matching: (pattern, from = 0) => entries.slice(from).filter((entry) => pattern.test(entry)),
    restore: () => {
      for (const spy of consoleSpies) spy.mockRestore();
      streams.forEach((stream, i) => {
        const descriptor = owned[i];
        if (descriptor) Object.defineProperty(stream, "write", descriptor);
        else Reflect.deleteProperty(stream, "write");
      });
    },
  };
}
