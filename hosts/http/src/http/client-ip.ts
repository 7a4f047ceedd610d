/**
 * The client's IP as far as it can be trusted: the TCP peer, unless the peer is a trusted proxy
 * and TRUST_PROXY_HEADERS is on, in which case X-Forwarded-For is walked from the right past
 * trusted proxies. A header sent by an untrusted peer is ignored, so it cannot be spoofed.
 */
import { BlockList, isIP } from 'node:net';

export interface ProxyTrust {
  readonly trustProxyHeaders: boolean;
  readonly trustedProxyIps: readonly string[];
  readonly trustedProxyCidrs: readonly string[];
}

function family(ip: string): 'ipv4' | 'ipv6' {
  return isIP(ip) === 6 ? 'ipv6' : 'ipv4';
}

/** `::ffff:10.0.0.1` → `10.0.0.1`, so IPv4 lists match IPv4 peers on dual-stack sockets. */
export function normaliseIp(ip: string): string {
  const trimmed = ip.trim();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

export function blockListOf(ips: readonly string[], cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const ip of ips) if (isIP(normaliseIp(ip))) list.addAddress(normaliseIp(ip), family(normaliseIp(ip)));
  for (const cidr of cidrs) {
    const [address, prefix] = cidr.split('/');
    if (address !== undefined && prefix !== undefined && isIP(address)) list.addSubnet(address, Number(prefix), family(address));
  }
  return list;
}

export function createClientIpResolver(trust: ProxyTrust): (peer: string | undefined, forwardedFor: string | undefined) => string {
  const trusted = blockListOf(trust.trustedProxyIps, trust.trustedProxyCidrs);
  const isTrusted = (ip: string) => isIP(ip) !== 0 && trusted.check(ip, family(ip));
  return (peer, forwardedFor) => {
    const direct = normaliseIp(peer ?? '');
    if (!trust.trustProxyHeaders || forwardedFor === undefined || !isTrusted(direct)) return direct;
    const hops = forwardedFor.split(',').map(normaliseIp).filter((h) => h !== '');
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = hops[i]!;
      if (isIP(hop) === 0) return direct;
      if (!isTrusted(hop)) return hop;
    }
    return hops[0] ?? direct;
  };
}
