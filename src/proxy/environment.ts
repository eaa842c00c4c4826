// Names an upstream for people: OTO's own environments by name, anything else by its host.
import { REMOTE_BASE_URLS } from '../session/environment';

export function environmentOf(upstream: string): string {
  const url = new URL(upstream);
  for (const [name, base] of Object.entries(REMOTE_BASE_URLS)) {
    if (new URL(base).host === url.host) {
      return name;
    }
  }
  return url.host;
}
