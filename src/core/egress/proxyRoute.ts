import { bareHost } from './egressTarget';

/** HTTP(S)_PROXY / NO_PROXY as curl and undici read them (lower case wins over upper case). */
export interface ProxySettings {
  readonly http: URL | undefined;
  readonly https: URL | undefined;
  readonly noProxy: readonly NoProxyEntry[];
}

interface NoProxyEntry {
  readonly host: string;
  readonly port: number;
  readonly wildcard: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

export function proxySettingsFromEnv(env: Env): ProxySettings {
  const http = proxyUrl(env.http_proxy ?? env.HTTP_PROXY);
  return {
    http,
    https: proxyUrl(env.https_proxy ?? env.HTTPS_PROXY) ?? http,
    noProxy: parseNoProxy(env.no_proxy ?? env.NO_PROXY ?? ''),
  };
}

/** The proxy a request to `url` goes through, or undefined for a direct connection. */
export function proxyFor(settings: ProxySettings, url: URL): URL | undefined {
  const proxy = url.protocol === 'https:' ? settings.https : settings.http;
  if (proxy === undefined) return undefined;
  const host = bareHost(url.hostname).toLowerCase().replace(/(.)\.$/, '$1');
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return settings.noProxy.some((entry) => bypasses(entry, host, port)) ? undefined : proxy;
}

function bypasses(entry: NoProxyEntry, host: string, port: number): boolean {
  if (entry.port !== 0 && entry.port !== port) return false;
  if (entry.host === '*') return true;
  return (!entry.wildcard && host === entry.host) || host.endsWith(`.${entry.host}`);
}

/** An unparsable or non-http(s) proxy setting is ignored: requests then go direct. */
function proxyUrl(value: string | undefined): URL | undefined {
  const text = value?.trim();
  if (text === undefined || text === '') return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  if (!URL.canParse(withScheme)) return undefined;
  const url = new URL(withScheme);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

function parseNoProxy(value: string): NoProxyEntry[] {
  return value.split(/[,\s]/).filter((entry) => entry !== '').map((entry) => {
    const bracketed = /^\[(.+)\]:(\d+)$/.exec(entry);
    const unbracketed = entry.replace(/^\[(.+)\]$/, '$1');
    const hostPort = bracketed === null && (unbracketed.match(/:/g) ?? []).length === 1 ? /^(.+):(\d+)$/.exec(unbracketed) : null;
    const host = bracketed?.[1] ?? hostPort?.[1] ?? unbracketed;
    const port = Number(bracketed?.[2] ?? hostPort?.[2] ?? 0);
    return { host: host.replace(/^\*?\./, '').replace(/(.)\.$/, '$1').toLowerCase(), port, wildcard: entry.startsWith('*') };
  });
}
