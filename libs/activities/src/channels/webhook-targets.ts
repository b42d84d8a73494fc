import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/**
 * Networks a webhook may not reach unless the deployment allows them: this host, its private
 * network, link-local (cloud metadata at 169.254.169.254) and the reserved ranges. A manager who
 * sets a webhook address must not be able to make the worker post into the product's own network.
 */
const NON_PUBLIC: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 127, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

/** `a.b.c.d/n` or `ipv6/n`, comma-separated: the form of WEBHOOK_ALLOWED_NETWORKS. */
export function parseNetworks(value: string): BlockList {
  const list = new BlockList();
  for (const item of value.split(',').map((s) => s.trim())) {
    const [address, bits, ...rest] = item.split('/');
    const family = isIP(address ?? '');
    const prefix = Number(bits);
    const max = family === 4 ? 32 : 128;
    if (!family || rest.length || !/^\d+$/.test(bits ?? '') || prefix > max) {
      throw new Error(`"${item}" is not a network (address/prefix)`);
    }
    list.addSubnet(address!, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

/** Where webhooks may be posted: public addresses, and the networks a deployment allows. */
export class WebhookTargets {
  private readonly refused = new BlockList();
  private readonly allowed: BlockList;

  constructor(allowedNetworks?: string) {
    for (const [address, prefix, family] of NON_PUBLIC) {
      this.refused.addSubnet(address, prefix, family);
    }
    this.allowed = allowedNetworks ? parseNetworks(allowedNetworks) : new BlockList();
  }

  /** Why an address may not be reached, or undefined when it may. */
  addressRefusal(address: string): string | undefined {
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (this.refused.check(address, family) && !this.allowed.check(address, family)) {
      return 'the webhook host is on a private, loopback or link-local network';
    }
    return undefined;
  }

  /**
   * What can be told from the URL alone (an address literal, a local name); the worker checks
   * every address a name resolves to when it connects.
   */
  urlRefusal(url: string): string | undefined {
    let host: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        return 'the webhook address must be an http(s) URL';
      }
      host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
    } catch {
      return 'the webhook address must be an http(s) URL';
    }
    if (isIP(host)) return this.addressRefusal(host);
    if (host === 'localhost' || host.endsWith('.localhost')) {
      return this.addressRefusal('127.0.0.1');
    }
    return undefined;
  }

  /**
   * A DNS lookup for http(s).request that refuses non-public answers, so the connection goes to
   * the very address that was checked (a name cannot be re-pointed between check and connect).
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map((a) => this.addressRefusal(a.address)).find(Boolean);
      if (refusal) return callback(new Error(refusal), '', 0);
      if (options.all) return callback(null, addresses as never);
      const [first] = addresses;
      callback(null, first!.address, first!.family);
    });
  };
}
