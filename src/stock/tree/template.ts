// A localised message with placeholders, translated once and then filled in many times: the tree
// formats tens of thousands of rows and must not run the translation lookup for each one.
import { bidiFor, type Bidi } from '../../common/text/bidi';
import { displayLanguage, numberFormatter } from '../../common/text/display';
import * as l10n from '@vscode/l10n';

export class Template {
  private readonly texts: string[] = [];
  private readonly slots: number[] = [];

  /** `translated` is the result of `l10n.t(message, '{0}', '{1}', …)`: the translation with its placeholders. */
  constructor(translated: string) {
    const parts = translated.split(/\{(\d+)\}/);
    for (let index = 0; index < parts.length; index += 2) {
      this.texts.push(parts[index]);
      if (index + 1 < parts.length) {
        this.slots.push(Number(parts[index + 1]));
      }
    }
  }

  fill(...args: string[]): string {
    let text = this.texts[0];
    for (let index = 0; index < this.slots.length; index++) {
      text += (args[this.slots[index]] ?? '') + this.texts[index + 1];
    }
    return text;
  }
}

/** The row texts of one tree build, translated once. */
export class TreeTexts {
  readonly noLocation: string;
  readonly noLocationDescription: string;
  readonly notListed: string;
  readonly forecast: Template;
  readonly onHand: Template;
  readonly lowInTotal: Template;
  readonly bidi: Bidi;
  /** A figure with the display language's thousands separators (`12,500`), as the tooltip writes it. */
  readonly number: (value: number) => string;

  constructor(rightToLeft = false) {
    this.noLocation = l10n.t('(no location)');
    this.noLocationDescription = l10n.t('entries without a location code');
    this.notListed = l10n.t('not in the pickup location list');
    this.forecast = new Template(l10n.t('{0} forecast', '{0}'));
    this.onHand = new Template(l10n.t('{0} on hand', '{0}'));
    this.lowInTotal = new Template(l10n.t('low in total ({0})', '{0}'));
    this.bidi = bidiFor(rightToLeft);
    this.number = numberFormatter(displayLanguage());
  }

  /** A row description of parts (`272 on hand`, `261 forecast`, a name), each isolated in right-to-left languages. */
  parts(parts: readonly string[]): string {
    return parts.map((part) => this.bidi.part(part)).join(' · ');
  }
}
