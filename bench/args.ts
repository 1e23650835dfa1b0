/** Command-line handling shared by the benchmarks: `[name ...] [--key=value ...]`. */
export interface BenchArgs {
  programs: string[];
  options: Record<string, string>;
}

/** Splits argv into program names (checked against `known`; all when none given) and `--key=value` options. */
export function parseBenchArgs(argv: string[], known: readonly string[]): BenchArgs {
  const options: Record<string, string> = {};
  const programs: string[] = [];
  for (const arg of argv) {
    const option = /^--([\w-]+)=(.*)$/.exec(arg);
    if (option) options[option[1]] = option[2];
    else if (known.includes(arg)) programs.push(arg);
    else throw new Error(`unknown program or option '${arg}' (programs: ${known.join(', ')})`);
  }
  return { programs: programs.length ? programs : [...known], options };
}

/** The median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
