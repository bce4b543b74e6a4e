// Child processes to kill when the benchmark exits, however it exits.
const killers = new Set();

export const children = {
  /** Registers a kill function; returns its unregistration. */
  add(kill) {
    killers.add(kill);
    return () => killers.delete(kill);
  },
  killAll() {
    for (const k of [...killers]) {
      try {
        k();
      } catch {
        // Best effort.
      }
    }
    killers.clear();
  },
};

process.on("exit", () => children.killAll());
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    children.killAll();
    process.stderr.write(`bench: interrupted (${sig})\n`);
    process.exit(sig === "SIGINT" ? 130 : 143);
  });
}
