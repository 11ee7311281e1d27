/**
 * A small fake of the Slack Web API (and of response_url endpoints) on a free loopback
 * port. It records every call, answers like Slack does for the methods the bot uses and
 * can be scripted to fail, so that tests assert on what the bot actually sent.
 */
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { isRecord } from "../src/guards.js";

export const BOT_USER_ID = "UBOT";
export const BOT_ID = "BBOT";
export const TEAM_ID = "T1";

export type JsonObject = Record<string, unknown>;

/** One Web API call, as the fake received it. */
export interface ApiCall {
  /** The method name from the URL path, e.g. "chat.postMessage". */
  method: string;
  /** The parsed body; form fields holding JSON (blocks, attachments, metadata) are decoded. */
  body: JsonObject;
  headers: IncomingHttpHeaders;
  /** The scripted failure this call was answered with, if any. */
  failedWith: Failure | null;
  /** What the fake answered when the call succeeded (a posted message's ts, say). */
  result: JsonObject | null;
  at: number;
}

/** One POST to a response_url (/respond/<id>). */
export interface RespondCall {
  id: string;
  body: unknown;
  failedWith: Failure | null;
  at: number;
}

export type Failure =
  /** HTTP 429 with a Retry-After header (seconds). */
  | { kind: "rate_limited"; retryAfter: number }
  /** Any other HTTP status, with a plain-text body. */
  | { kind: "http"; status: number }
  /** HTTP 200 with {ok:false, error}, which is how Slack reports most errors. */
  | { kind: "error"; error: string };

interface ScopedFailures {
  method: string;
  matches: (body: JsonObject) => boolean;
  queue: Failure[];
}

/** Fields of a form body that Slack's clients send as JSON strings. */
const JSON_FORM_FIELDS = new Set(["blocks", "attachments", "metadata", "view"]);

function parseBody(raw: string, contentType: string | undefined): JsonObject {
  if (raw === "") return {};
  if (contentType?.startsWith("application/json") === true) {
    const parsed: unknown = JSON.parse(raw);
    return isRecord(parsed) ? parsed : { value: parsed };
  }
  const body: JsonObject = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_FORM_FIELDS.has(key)) {
      try {
        body[key] = JSON.parse(value) as unknown;
        continue;
      } catch {
        // Not JSON after all: keep the string, the test will show it.
      }
    }
    body[key] = value;
  }
  return body;
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responds: RespondCall[] = [];
  /** The ws:// URL apps.connections.open hands out (Socket Mode). */
  socketUrl: string | null = null;
  private readonly failures = new Map<string, Failure[]>();
  private readonly scopedFailures: ScopedFailures[] = [];
  private readonly delays = new Map<string, number>();
  private readonly replies = new Map<string, unknown[]>();
  private readonly usergroups = new Map<string, string[]>();
  private tsCounter = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | null = null;
    const server = createServer((req, res) => {
      if (fake === null) {
        res.writeHead(503).end();
        return;
      }
      fake.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(error instanceof Error ? error.message : String(error));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    fake = new FakeSlack(server);
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The value for SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  respondUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${encodeURIComponent(id)}`;
  }

  /** The next `times` calls to `method` (or to a response_url when method is "respond") fail. */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /**
   * The next `times` calls to `method` whose body matches (one channel or thread, say)
   * fail; other calls are not affected. Scoped failures are used before those of failNext.
   */
  failNextWhere(
    method: string,
    matches: (body: JsonObject) => boolean,
    failure: Failure,
    times = 1,
  ): void {
    this.scopedFailures.push({ method, matches, queue: Array<Failure>(times).fill(failure) });
  }

  /** Holds every answer to `method` for `ms` milliseconds, as a slow Slack would; 0 stops it. */
  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  /** What conversations.replies answers for the thread whose parent has this ts. */
  setReplies(threadTs: string, messages: unknown[]): void {
    this.replies.set(threadTs, messages);
  }

  /** What usergroups.users.list answers for this group; unknown groups answer no_such_subteam. */
  setUsergroup(usergroup: string, users: string[]): void {
    this.usergroups.set(usergroup, users);
  }

  /** Forgets recorded calls, scripted failures, delays and thread contents. */
  reset(): void {
    this.calls.length = 0;
    this.responds.length = 0;
    this.failures.clear();
    this.scopedFailures.length = 0;
    this.delays.clear();
    this.replies.clear();
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Successful chat.postMessage calls (the ones Slack would have shown). */
  posted(): ApiCall[] {
    return this.callsTo("chat.postMessage").filter((call) => call.failedWith === null);
  }

  /**
   * Polls until `find` returns something other than undefined/false/null, and returns it.
   * Rejects after `timeoutMs`, listing what was received so far.
   */
  async waitFor<T>(
    find: (fake: this) => T | undefined | null | false,
    timeoutMs = 3000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find(this);
      if (found !== undefined && found !== null && found !== false) return found;
      if (Date.now() >= deadline) {
        const seen = this.calls.map((call) => call.method).join(", ");
        throw new Error(
          `FakeSlack.waitFor timed out after ${timeoutMs} ms; calls so far: [${seen}], responses to response_url: ${this.responds.length}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits for a call to `method` whose body matches, and returns it. */
  waitForCall(
    method: string,
    matches: (body: JsonObject) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<ApiCall> {
    return this.waitFor(
      () => this.calls.find((call) => call.method === method && matches(call.body)),
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.server.closeAllConnections();
    });
  }

  private takeFailure(key: string, body: JsonObject = {}): Failure | null {
    const scoped = this.scopedFailures.find(
      (entry) => entry.method === key && entry.queue.length > 0 && entry.matches(body),
    );
    if (scoped) return scoped.queue.shift() ?? null;
    const queue = this.failures.get(key);
    return queue?.shift() ?? null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readAll(req);
    const contentType = req.headers["content-type"];

    if (req.method === "POST" && url.pathname.startsWith("/respond/")) {
      const failure = this.takeFailure("respond");
      const body: unknown = raw === "" ? null : JSON.parse(raw);
      this.responds.push({
        id: decodeURIComponent(url.pathname.slice("/respond/".length)),
        body,
        failedWith: failure,
        at: Date.now(),
      });
      if (failure !== null) {
        this.sendFailure(res, failure);
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true }));
      return;
    }

    if (!url.pathname.startsWith("/api/")) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    const method = url.pathname.slice("/api/".length);
    const body = parseBody(raw, contentType);
    const failure = this.takeFailure(method, body);
    const call: ApiCall = {
      method,
      body,
      headers: req.headers,
      failedWith: failure,
      result: null,
      at: Date.now(),
    };
    this.calls.push(call);
    const delayMs = this.delays.get(method) ?? 0;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (failure !== null) {
      this.sendFailure(res, failure);
      return;
    }
    call.result = this.answer(method, body);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(call.result));
  }

  private sendFailure(res: ServerResponse, failure: Failure): void {
    switch (failure.kind) {
      case "rate_limited":
        res.writeHead(429, {
          "retry-after": String(failure.retryAfter),
          "content-type": "text/plain",
        });
        res.end("rate limited");
        return;
      case "http":
        res.writeHead(failure.status, { "content-type": "text/plain" });
        res.end(`scripted HTTP ${failure.status}`);
        return;
      case "error":
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ ok: false, error: failure.error }));
        return;
    }
  }

  private answer(method: string, body: JsonObject): JsonObject {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.test/",
          team: "Fake",
          user: "loyalty-code",
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        this.tsCounter++;
        const ts = `1800000000.${String(this.tsCounter).padStart(6, "0")}`;
        return { ok: true, channel: body.channel, ts, message: { ...body, ts, bot_id: BOT_ID } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: "1800000000.999999" };
      case "conversations.replies": {
        const ts = typeof body.ts === "string" ? body.ts : "";
        return { ok: true, messages: this.replies.get(ts) ?? [], has_more: false };
      }
      case "usergroups.users.list": {
        const users = this.usergroups.get(typeof body.usergroup === "string" ? body.usergroup : "");
        return users === undefined ? { ok: false, error: "no_such_subteam" } : { ok: true, users };
      }
      case "apps.connections.open":
        return this.socketUrl === null
          ? { ok: false, error: "invalid_auth" }
          : { ok: true, url: this.socketUrl };
      default:
        return { ok: true };
    }
  }
}

/** Every text string in a message body: `text` and every `text` inside its blocks. */
export function textsOf(body: JsonObject): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (isRecord(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "text" && typeof inner === "string") texts.push(inner);
        else walk(inner);
      }
    }
  };
  walk(body);
  return texts;
}

/** The blocks of a message body, narrowed to records (an empty list if there are none). */
export function blocksOf(body: unknown): JsonObject[] {
  if (!isRecord(body) || !Array.isArray(body.blocks)) return [];
  return (body.blocks as unknown[]).filter(isRecord);
}

/** The text of a block: a section's or header's text, or a context's elements joined. */
export function blockText(block: JsonObject): string {
  if (isRecord(block.text) && typeof block.text.text === "string") return block.text.text;
  if (Array.isArray(block.elements)) {
    return (block.elements as unknown[])
      .map((element) => (isRecord(element) && typeof element.text === "string" ? element.text : ""))
      .join("\n");
  }
  return "";
}
