import { setImmediate } from "node:timers/promises";

let lastTurn: Promise<unknown> = Promise.resolve();

/**
 * Resolves on an event-loop turn of the caller's own, after every earlier caller's, with
 * the network read in between. Answering a 40 kB paste takes milliseconds of CPU; taken
 * one per turn, a burst of them cannot hold back the acks of requests already received.
 */
export function nextTurn(): Promise<void> {
  const turn = lastTurn.then(() => setImmediate());
  lastTurn = turn;
  return turn;
}
