/**
 * Where a doctor input came from, as the user would type it: the option, the environment
 * variable, or the built-in default. The core's messages name VS Code settings; the CLI user
 * needs the flag or variable instead.
 */
export function settingSource(optionValue: string | undefined, option: string, envValue: string | undefined, envName: string): string {
  if (optionValue !== undefined) return option;
  // Same rule as resolveModelEndpoint: a blank variable counts as unset.
  if (envValue !== undefined && envValue.trim() !== '') return envName;
  return 'default';
}
