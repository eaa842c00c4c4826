// An environment's id (`sandbox`, `staging`, `production`) as it reads inside a sentence ("OTO
// staging cannot be reached"): the id itself in English, a word of the display language
// elsewhere, so an Arabic sentence does not carry an English word in its middle. Pickers and
// titles name environments with their capitalised names instead (session/describe.ts).
import * as l10n from '@vscode/l10n';

export function environmentInText(environment: string): string {
  switch (environment) {
    case 'sandbox':
      return l10n.t({ message: 'sandbox', comment: 'the environment, inside a sentence: OTO sandbox' });
    case 'staging':
      return l10n.t({ message: 'staging', comment: 'the environment, inside a sentence: OTO staging' });
    case 'production':
      return l10n.t({ message: 'production', comment: 'the environment, inside a sentence: OTO production' });
    default:
      return environment;
  }
}
