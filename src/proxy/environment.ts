// Names an upstream for people: OTO's own environments by name, anything else by its host.
import { OTO_BASE_URLS } from '../oto';

export function environmentOf(upstream: string): string {
  const url = new URL(upstream);
  for (const [name, base] of Object.entries(OTO_BASE_URLS)) {
    if (new URL(base).host === url.host) {
      return name;
    }
  }
  return url.host;
}
