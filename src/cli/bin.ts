#!/usr/bin/env node
/** The `loyalty-code` command: runs main with the process's streams. */
import { main } from "./main.js";
import { endQuietlyOnClosedPipe } from "./pipe.js";

endQuietlyOnClosedPipe(process.stdout);
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
