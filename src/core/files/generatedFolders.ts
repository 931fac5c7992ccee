/** Folders fs.list shows but does not descend: their contents are generated or vendored, and huge. */
export const NOT_DESCENDED: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.next', '__pycache__', '.venv', 'target']);

/**
 * Folders fs.search never enters, whichever engine runs: dependencies and version-control
 * internals. Build output stays searchable (a `build/` folder is often source); ripgrep also
 * honours .gitignore.
 */
export const NOT_SEARCHED: readonly string[] = ['node_modules', '.git', '.hg', '.svn'];
