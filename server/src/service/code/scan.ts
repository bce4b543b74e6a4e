// Scanning one file: the literal pre-filter, then the language's lexer and the analysis.
// Settings are compiled once into a Scanner, which is cheap to call for every file.

import { analyzeTokens } from "./analyze";
import type { AnalyzeOptions } from "./context";
import { escapeRegExp, methodTable, needleRegExp, needlesFor } from "./methods";
import { scannerFor } from "./scanners/index";
import type { LanguageScanner } from "./scanners/scanner";
import { DEFAULT_CLIENTS, DEFAULT_SCAN_SETTINGS, type CodeScanSettings, type FileScan } from "./usages";

/** Scans files with fixed settings. */
export class Scanner {
  /** Matches text that may hold a usage; files without a match are not parsed. */
  readonly needles: RegExp;
  readonly needleList: string[];
  private readonly perLanguage = new Map<LanguageScanner, AnalyzeOptions & { anyName: RegExp }>();
  private readonly clients: Set<string>;

  constructor(readonly settings: CodeScanSettings = DEFAULT_SCAN_SETTINGS) {
    this.needleList = needlesFor(settings.functions);
    this.needles = needleRegExp(this.needleList);
    this.clients = new Set([...DEFAULT_CLIENTS, ...settings.clients.filter((c) => c !== "*")]);
  }

  /** Every recognised name of every language: what an external pre-filter (ripgrep) looks for. */
  exactNames(): string[] {
    const names = new Set<string>();
    for (const styles of [["camel"], ["snake"], ["pascal"]] as const)
      for (const n of methodTable(styles, true, this.settings.functions).keys()) names.add(n);
    return [...names];
  }

  private optionsFor(scanner: LanguageScanner): AnalyzeOptions & { anyName: RegExp } {
    let o = this.perLanguage.get(scanner);
    if (!o) {
      const methods = methodTable(scanner.rules.styles, scanner.rules.hooks, this.settings.functions);
      const names = [...methods.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
      o = {
        methods,
        methodPattern: new RegExp(names.join("|"), "g"),
        anyName: new RegExp(names.join("|")),
        clients: this.clients,
        anyClient: this.settings.clients.includes("*"),
        constants: false,
      };
      this.perLanguage.set(scanner, o);
    }
    return o;
  }

  /** Whether a path is code some scanner reads. */
  handles(path: string): boolean {
    return scannerFor(path) !== undefined;
  }

  /** Whether a text may hold usages (the pre-filter). */
  mayHaveUsages(text: string): boolean {
    return this.needles.test(text);
  }

  /**
   * Scans a file's text: its calls, and its constants when a call uses a name (or always, with
   * `constants`, as an editor wants for the file it edits). Undefined when the file is not code,
   * or when the pre-filter finds nothing and constants are not asked for.
   */
  scan(path: string, text: string, constants = false): FileScan | undefined {
    const scanner = scannerFor(path);
    if (!scanner || (!constants && !this.needles.test(text))) return undefined;
    const options = this.optionsFor(scanner);
    // A needle is not yet a name this language's SDK has ("disabled" holds "nabled"): then there is nothing to lex.
    if (!constants && !options.anyName.test(text)) return undefined;
    const { tokens, language } = scanner.lex(text, path);
    const scan = analyzeTokens(tokens, scanner.rules, constants ? { ...options, constants } : options);
    scan.language = language;
    return scan;
  }

  /** Scans a file for the constants it declares (and its calls): a file other files take keys from. */
  scanConstants(path: string, text: string): FileScan | undefined {
    return this.scan(path, text, true);
  }
}
