import ipaddr from 'ipaddr.js';
import type { ListeningSocket } from './listeningSockets';

/** Whether the local model server can be reached from other machines, judged by the addresses it listens on. */
export type ModelServerExposure =
  | { readonly kind: 'loopback-only'; readonly port: number; readonly addresses: readonly string[] }
  | { readonly kind: 'exposed'; readonly port: number; readonly addresses: readonly string[]; readonly fix: string }
  | { readonly kind: 'not-found'; readonly port: number }
  | { readonly kind: 'unknown'; readonly reason: string };

export const EXPOSURE_FIX = 'bind it to 127.0.0.1: Ollama: OLLAMA_HOST=127.0.0.1 (in the environment of `ollama serve` or its service); llama.cpp server: --host 127.0.0.1; LM Studio: turn off "Serve on Local Network" in the server settings';

/**
 * A model server bound to 0.0.0.0, :: or a LAN address answers anyone on the network: they can
 * use the model and, with a shared server, see the prompts and the code in them. Checked on the
 * port of the configured loopback endpoint.
 */
export function modelServerExposure(baseUrl: string, sockets: readonly ListeningSocket[] | undefined): ModelServerExposure {
  if (sockets === undefined) return { kind: 'unknown', reason: 'the listening sockets cannot be read here (/proc/net/tcp is Linux only)' };
  const url = new URL(baseUrl);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const addresses = [...new Set(sockets.filter((socket) => socket.port === port).map((socket) => socket.address))];
  if (addresses.length === 0) return { kind: 'not-found', port };
  const open = addresses.filter((address) => !isLoopback(address));
  return open.length === 0 ? { kind: 'loopback-only', port, addresses } : { kind: 'exposed', port, addresses: open, fix: EXPOSURE_FIX };
}

function isLoopback(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'loopback';
}
