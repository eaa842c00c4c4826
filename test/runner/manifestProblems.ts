// What VS Code said about the extension's package.json while loading it: its extension-point
// handlers report a contribution they refuse (a tool set whose tools it cannot find, a view in an
// unknown container) as `[publisher.name]: <message>` in the workbench's console, and drop that
// contribution without failing anything else. The launcher reads them back so a refused
// contribution fails the run instead of passing silently.

export function manifestProblems(consoleText: string, extensionId: string): string[] {
  const prefix = `[${extensionId.toLowerCase()}]: `;
  const lines = consoleText.split('\n').filter((line) => line.toLowerCase().startsWith(prefix));
  return [...new Set(lines.map((line) => line.slice(prefix.length).trim()))];
}
