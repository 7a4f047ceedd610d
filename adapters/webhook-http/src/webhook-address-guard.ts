/**
 * The SSRF guard of outgoing webhooks: an org types the URL, so without it a webhook could make
 * our server POST to its own loopback, the cloud metadata service (169.254.169.254) or the
 * private network. Only https to public addresses is allowed (http and private addresses only
 * when `allowInsecureLocalhost`, for tests and development).
 *
 * The check runs inside the connection's own DNS lookup (`guardedLookup`), so the address
 * checked is the address connected to: a name that resolves to a public address when checked
 * and to 127.0.0.1 a moment later (DNS rebinding) gains nothing. IP literals skip lookups in
 * Node, so `checkWebhookUrl` checks them before connecting.
 */
import { lookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

// Two lists: a BlockList compares an IPv4 address with IPv6 rules as IPv4-mapped, so one list
// holding ::ffff:0:0/96 would refuse every IPv4 address.
const FORBIDDEN_V4 = new BlockList();
const FORBIDDEN_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  FORBIDDEN_V4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form (::10.0.0.1)
  ['::ffff:0:0', 96], // IPv4-mapped: would reach any IPv4 address, private ones included
  ['64:ff9b::', 96], // NAT64, likewise
  ['100::', 64],
  ['2001::', 32], // Teredo
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4 embeds an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  FORBIDDEN_V6.addSubnet(net, prefix, 'ipv6');
}

/** Whether `address` (an IP literal) is one a webhook may not reach. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return family === 4 ? FORBIDDEN_V4.check(address, 'ipv4') : FORBIDDEN_V6.check(address, 'ipv6');
}

/** Why a webhook URL is refused, or null when it may be called. */
export function webhookUrlFault(url: URL, allowInsecureLocalhost: boolean): string | null {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowInsecureLocalhost)) return 'the webhook URL must use https';
  // Credentials in the URL would be sent in clear to whatever the host is; refuse them instead.
  if (url.username !== '' || url.password !== '') return 'the webhook URL must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '') return 'the webhook URL has no host';
  if (!allowInsecureLocalhost && isIP(host) !== 0 && isForbiddenAddress(host)) return 'the webhook URL points at a private or reserved address';
  return null;
}

/** The error a guarded lookup fails with: the name resolved to a forbidden address. */
export const FORBIDDEN_ADDRESS_CODE = 'ECWS_FORBIDDEN_ADDRESS';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that resolves as usual and fails the connection when any of the
 * addresses is forbidden (all are refused, not just the one picked: Node may try the others).
 */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number | string } | number, callback: LookupCallback): void {
  const wanted = typeof options === 'number' ? { family: options } : options;
  const family = wanted.family === 'IPv4' ? 4 : wanted.family === 'IPv6' ? 6 : typeof wanted.family === 'number' ? wanted.family : 0;
  lookup(hostname, { all: true, family }, (error, addresses) => {
    if (error) return callback(error, []);
    if (addresses.length === 0 || addresses.some((a) => isForbiddenAddress(a.address))) {
      const refused: NodeJS.ErrnoException = new Error('the webhook host resolves to a private or reserved address');
      refused.code = FORBIDDEN_ADDRESS_CODE;
      return callback(refused, []);
    }
    if (wanted.all === true) return callback(null, addresses);
    const first = addresses[0]!;
    return callback(null, first.address, first.family);
  });
}
