import type { Logger } from "@slack/bolt";
import { isRecord } from "../guards.js";

/** What a reply is, for the log when it cannot be delivered. */
export interface Delivery {
  /** The Slack event answered, when there is one. */
  eventId: string | null;
  channel: string;
  /** What was being sent, in a few words ("a thread reply"). */
  what: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface OutboxPolicy {
  /** Further attempts after an HTTP 5xx or a network failure. */
  retries: number;
  /** The wait before the first of those retries, doubled for each next one. */
  backoffMs: number;
  /** Longest a reply waits, in total, on rate limits (Retry-After) before it is given up. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  retries: 3,
  backoffMs: 500,
  maxRateLimitWaitMs: 60_000,
};

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Sends the bot's Web API calls with retries that keep each channel apart: a 429 pauses
 * only the channel it came for (for its Retry-After), a 5xx or network failure is
 * retried with backoff, and both are bounded. The Web API client itself is set to
 * retry nothing and to reject rate-limited calls, since it would otherwise pause every
 * call of the process on one channel's 429.
 *
 * A call finally given up is logged with its event id, channel and error; nothing is
 * ever thrown. Calls in flight are tracked, so that a shutdown can finish them.
 */
export class Outbox {
  private readonly pausedUntil = new Map<string, number>();
  private readonly inFlight = new Map<Promise<unknown>, Delivery & { state: string }>();
  /** Requests being handled (their calls, if any, are in inFlight too). */
  private readonly handling = new Map<Promise<unknown>, Delivery>();

  constructor(
    private readonly logger: Logger,
    private readonly policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY,
  ) {}

  send<T>(delivery: Delivery, call: () => Promise<T>): Promise<Outcome<T>> {
    const tracked = { ...delivery, state: "sending" };
    const running = this.attempt(tracked, call);
    this.inFlight.set(running, tracked);
    void running.finally(() => this.inFlight.delete(running));
    return running;
  }

  /**
   * Tracks the handling of a request, from before its answer is computed to after its
   * reply is sent, so that a shutdown also waits for answers not yet handed to `send`.
   */
  track<T>(request: Delivery, work: Promise<T>): Promise<T> {
    this.handling.set(work, request);
    const forget = () => this.handling.delete(work);
    work.then(forget, forget);
    return work;
  }

  /**
   * Waits for the calls in flight, for at most `ms`, and logs each one that did not
   * finish. Resolves with how many were left unfinished.
   */
  async drain(ms: number): Promise<number> {
    const deadline = sleep(ms).then(() => "timeout" as const);
    const settled = (work: Promise<unknown>) => work.then(noop, noop);
    while (this.inFlight.size + this.handling.size > 0) {
      const running = [...this.inFlight.keys(), ...this.handling.keys()].map(settled);
      if ((await Promise.race([...running, deadline])) === "timeout") break;
    }
    // A call says best what it was waiting on; a request is listed only when none of its calls is.
    const calls = [...this.inFlight.values()];
    const requests = [...this.handling.values()]
      .filter((request) => !calls.some((call) => sameRequest(call, request)))
      .map((request) => ({ ...request, state: "being answered" }));
    const unfinished = [...calls, ...requests];
    for (const item of unfinished) {
      this.logger.error(
        `stopping: ${item.what} for event ${item.eventId ?? "(none)"} in channel ${item.channel} was not delivered (${item.state})`,
      );
    }
    return unfinished.length;
  }

  private async attempt<T>(
    delivery: Delivery & { state: string },
    call: () => Promise<T>,
  ): Promise<Outcome<T>> {
    let failures = 0;
    let rateLimitWait = 0;
    for (;;) {
      const paused = (this.pausedUntil.get(delivery.channel) ?? 0) - Date.now();
      if (paused > 0) {
        delivery.state = "waiting on a rate limit";
        await sleep(paused);
      }
      delivery.state = "sending";
      try {
        return { ok: true, value: await call() };
      } catch (error) {
        const retryAfterMs = rateLimitedFor(error);
        if (
          retryAfterMs !== null &&
          rateLimitWait + retryAfterMs <= this.policy.maxRateLimitWaitMs
        ) {
          rateLimitWait += retryAfterMs;
          const until = Date.now() + retryAfterMs;
          this.pausedUntil.set(
            delivery.channel,
            Math.max(until, this.pausedUntil.get(delivery.channel) ?? 0),
          );
          continue;
        }
        if (retryAfterMs === null && isTransient(error) && failures < this.policy.retries) {
          delivery.state = "waiting to retry after a failure";
          await sleep(this.policy.backoffMs * 2 ** failures);
          failures++;
          continue;
        }
        this.logger.error(
          `giving up ${delivery.what} for event ${delivery.eventId ?? "(none)"} in channel ${delivery.channel} after ${failures + 1} attempt${failures === 0 ? "" : "s"}: ${describeError(error)}`,
        );
        return { ok: false, error };
      }
    }
  }
}

const noop = () => undefined;

function sameRequest(a: Delivery, b: Delivery): boolean {
  return a.eventId === b.eventId && a.channel === b.channel;
}

/** The wait Slack asked for, when `error` is a 429 from the Web API client. */
function rateLimitedFor(error: unknown): number | null {
  return isRecord(error) &&
    error.code === "slack_webapi_rate_limited_error" &&
    typeof error.retryAfter === "number"
    ? error.retryAfter * 1000
    : null;
}

/** An HTTP 5xx or a failure to reach Slack: worth another try. Slack's `ok: false` answers are not. */
function isTransient(error: unknown): boolean {
  if (!isRecord(error)) return false;
  if (error.code === "slack_webapi_request_error") return true;
  return (
    error.code === "slack_webapi_http_error" &&
    typeof error.statusCode === "number" &&
    error.statusCode >= 500
  );
}

/** The Slack error code and message, never the request (it holds the message text). */
export function describeError(error: unknown): string {
  const code = isRecord(error) && typeof error.code === "string" ? `[${error.code}] ` : "";
  const detail =
    isRecord(error) && isRecord(error.data) && typeof error.data.error === "string"
      ? ` (${error.data.error})`
      : "";
  return `${code}${error instanceof Error ? error.message : String(error)}${detail}`;
}
