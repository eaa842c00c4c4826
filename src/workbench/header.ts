// The view's header: the sandbox's base URL in the description, and a message above the rows.
// Other features add their own parts (active faults) by key, without knowing about the others.
import * as vscode from 'vscode';
import type { TrafficFeed } from './feed';
import { hostOf } from './rows';
import { Disposable } from '../common/lifecycle';

export class TrafficHeader extends Disposable {
  private readonly descriptions = new Map<string, string>();
  private readonly messages = new Map<string, string>();

  constructor(
    private readonly treeView: vscode.TreeView<unknown>,
    private readonly feed: TrafficFeed,
  ) {
    super();
    const update = (): void => this.showSandbox();
    this._register(feed.onDidReset(update));
    this._register(feed.onDidRecord(() => this.feed.list().length === 1 && update()));
    update();
  }

  /** Sets (or with `undefined` removes) one part of the description shown beside the title. */
  setDescription(key: string, text: string | undefined): void {
    this.set(this.descriptions, key, text);
  }

  /** Sets (or removes) one line of the message shown above the rows. */
  setMessage(key: string, text: string | undefined): void {
    this.set(this.messages, key, text);
  }

  private set(parts: Map<string, string>, key: string, text: string | undefined): void {
    if (text === undefined) {
      parts.delete(key);
    } else {
      parts.set(key, text);
    }
    this.render();
  }

  private showSandbox(): void {
    const sandbox = this.feed.sandbox;
    // host:port fits beside the title; the whole base URL is in the message while nothing came yet.
    this.descriptions.set('sandbox', sandbox ? hostOf(sandbox.baseUrl) : vscode.l10n.t('not running'));
    if (sandbox && this.feed.list().length === 0) {
      this.messages.set('sandbox', vscode.l10n.t('Waiting for requests at {0}. Point your integration there and sign it in with the sandbox refresh token.', sandbox.baseUrl));
    } else {
      this.messages.delete('sandbox');
    }
    this.render();
  }

  private render(): void {
    this.treeView.description = [...this.descriptions.values()].join(' · ');
    const message = [...this.messages.values()].join('\n');
    this.treeView.message = message === '' ? undefined : message;
  }
}
