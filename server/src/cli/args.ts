// A small argument parser: `--name value`, `--name=value`, flags, and positionals.

/** Parsed command-line arguments. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

/** A usage error: the CLI prints it and exits with 2. */
export class UsageError extends Error {}

/** Input that cannot be used (a file, a context): exit 2 with the reason alone, no usage hint. */
export class InputError extends UsageError {}

/** Parses argv against the options that take a value; everything else starting with `--` is a flag. */
export function parseArgs(argv: string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--") || a === "--") {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq > 0 ? eq : undefined);
    if (valued.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      out.options.set(name, [...(out.options.get(name) ?? []), value]);
    } else if (flags.includes(name)) {
      out.flags.add(name);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return out;
}

/** The last value of an option. */
export function option(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return v?.[v.length - 1];
}
