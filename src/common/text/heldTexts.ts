// The texts behind our read-only virtual documents (snapshot sides, stock reports, a replay's
// comparison, a bulk preview and its results), held only while a document shows them: closing the
// document lets its text go, so an editor open for days does not keep every report it ever made.
// No `vscode`: `common/ui/virtualTexts.ts` is the provider that wires it to the editor.

export class HeldTexts {
  /** By document path. */
  private readonly texts = new Map<string, string>();
  private next = 1;

  /** A new path showing `text`; `fileName` (its extension picks the language) is what the tab shows. */
  add(fileName: string, text: string): string {
    const path = `/${this.next++}/${safeName(fileName)}`;
    this.texts.set(path, text);
    return path;
  }

  /** The one path named `fileName`, holding `text` from now (a document showing it already is to redraw). */
  put(fileName: string, text: string): string {
    const path = `/${safeName(fileName)}`;
    this.texts.set(path, text);
    return path;
  }

  /** Replaces the text of `fileName` if a document still holds it; a closed one is not brought back. */
  update(fileName: string, text: string): string | undefined {
    const path = `/${safeName(fileName)}`;
    if (!this.texts.has(path)) {
      return undefined;
    }
    this.texts.set(path, text);
    return path;
  }

  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** Its document closed: the text goes. */
  release(path: string): void {
    this.texts.delete(path);
  }

  clear(): void {
    this.texts.clear();
  }

  get size(): number {
    return this.texts.size;
  }
}

function safeName(fileName: string): string {
  return fileName.replace(/[\\/]/g, '-');
}
