// Environment variables through which a runner talks to the suite inside the extension host
// (code-server's remote extension host and test-electron's both pass them on).

/** The file the suite writes its result JSON to. */
export const RESULT_ENV = 'AIRLOCK_EXTHOST_RESULT';
/** The extensions dir the runner installed the VSIX into: the copy the tests must see. */
export const EXTENSIONS_DIR_ENV = 'AIRLOCK_EXTHOST_EXTENSIONS_DIR';
