/**
 * Output into a pipe whose reader has gone (`loyalty-code catalog --json | head`) ends
 * the process quietly with status 0, as `cat` and `grep` do: the reader has all it wanted.
 */
export function endQuietlyOnClosedPipe(output: NodeJS.WriteStream): void {
  output.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}
