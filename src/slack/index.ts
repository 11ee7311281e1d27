export { startSlack } from "./start.js";
export type { RunningBot } from "./start.js";
export type { BuildOptions } from "./app.js";
