import { parsePattern, toBytes, type IgnorePattern } from './pattern.ts';

/**
 * An ordered list of patterns where the last one that matches decides, as git decides within its
 * precedence order. Callers append lower-precedence sources first (defaults, then `.sourceignore`
 * files from the root down, then `spec.ignore`), which reproduces git's order: command line over
 * per-directory files (deeper over shallower) over the global excludes file.
 */
export class IgnoreMatcher {
  readonly patterns: IgnorePattern[] = [];

  /** Adds the lines of an ignore file that lives in directory `base` ('' for the root). */
  addLines(text: string, base = ''): number {
    let n = 0;
    for (const line of text.split('\n')) {
      const p = parsePattern(line, base);
      if (p) {
        this.patterns.push(p);
        n++;
      }
    }
    return n;
  }

  /**
   * Whether `path` (relative, `/`-separated) is excluded by the patterns alone. Callers walking a
   * tree must also skip everything below an excluded directory: git cannot re-include a file whose
   * parent directory is excluded, and neither can we.
   */
  ignores(textPath: string, isDir: boolean): boolean {
    const path = toBytes(textPath);
    const slash = path.lastIndexOf('/');
    const basename = path.slice(slash + 1);
    for (let i = this.patterns.length - 1; i >= 0; i--) {
      const p = this.patterns[i]!;
      if (p.dirOnly && !isDir) continue;
      let rel = path;
      if (p.base !== '') {
        const base = toBytes(p.base);
        if (!path.startsWith(`${base}/`)) continue;
        rel = path.slice(base.length + 1);
      }
      if (p.regex.test(p.basenameOnly ? basename : rel)) return !p.negate;
    }
    return false;
  }

  /** Whether `path` is excluded itself or lies below an excluded directory. */
  excluded(path: string, isDir: boolean): boolean {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (this.ignores(parts.slice(0, i).join('/'), true)) return true;
    }
    return this.ignores(path, isDir);
  }
}
