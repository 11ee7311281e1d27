import { setImmediate } from "node:timers/promises";

/**
 * Answers waiting for a turn, at most. Each holds its event (a paste can be 40 kB), so
 * past this a new answer runs at once: acks then slow down with the work, as they would
 * without turns, instead of memory growing with a flood.
 */
export const MAX_WAITING_TURNS = 200;

let lastTurn: Promise<unknown> = Promise.resolve();
let waiting = 0;

/**
 * Resolves on an event-loop turn of the caller's own, after every earlier caller's, with
 * the network read in between. Answering a 40 kB paste takes milliseconds of CPU; taken
 * one per turn, a burst of them cannot hold back the acks of requests already received.
 */
export function nextTurn(): Promise<void> {
  if (waiting >= MAX_WAITING_TURNS) return Promise.resolve();
  waiting++;
  const turn = lastTurn
    .then(() => setImmediate())
    .finally(() => {
      waiting--;
    });
  lastTurn = turn;
  return turn;
}
