import { lookup } from 'node:dns/promises';

/** Every address a host name resolves to; injectable so tests can play a rebinding resolver. */
export type HostResolver = (host: string) => Promise<string[]>;

/** The operating system's resolver (getaddrinfo: /etc/hosts, then DNS), every answer in its order. */
export async function systemResolver(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, order: 'verbatim' });
  return answers.map((answer) => answer.address);
}
