/** ES|QL IP functions: CIDR_MATCH, IP_PREFIX. IPs are held as their text. */
import { BlockList, isIP } from 'node:net';
import { check, EvalFailure, fn, type ScalarFunction } from './define';
import type { EsqlType } from '../table';

const isText = (t: EsqlType) => t === 'keyword' || t === 'text' || t === 'null';

/** Whether `address` lies in the CIDR block `block` (`a.b.c.d/n` or an IPv6 one); a bare address is a block of one. */
function inBlock(address: string, block: string): boolean {
  const [network, bits, extra] = block.split('/');
  const family = isIP(network);
  const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
  if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
    throw new EvalFailure(`java.lang.IllegalArgumentException: '${block}' is not a valid CIDR block`);
  }
  const list = new BlockList();
  list.addSubnet(network, prefix, family === 6 ? 'ipv6' : 'ipv4');
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The 16 bytes Elasticsearch stores for an IP (an IPv4 address as ::ffff:a.b.c.d), or null for a text
 * that is not an address. A zone (`%eth0`) is ignored.
 */
function ipBytes(text: string): number[] | null {
  const address = text.split('%')[0];
  const family = isIP(address);
  if (family === 4) return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, ...address.split('.').map(Number)];
  if (family !== 6) return null;
  let hex = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(hex);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    hex = `${hex.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = hex.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const before = groups(head), after = groups(tail);
  const hextets = tail === undefined ? before : [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
  return hextets.flatMap((h) => [h >> 8, h & 255]);
}

/**
 * An IP's text as Elasticsearch writes it (InetAddresses.toAddrString): an IPv4-mapped address as
 * a.b.c.d, any other in lower-case hex with the longest run of two or more zero groups (the first of
 * equal ones) written `::`.
 */
function ipText(bytes: number[]): string {
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) return bytes.slice(12).join('.');
  const hextets = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  let best = -1, bestLength = 0;
  for (let i = 0; i < 8;) {
    if (hextets[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && hextets[j] === 0) j++;
    if (j - i > bestLength) { best = i; bestLength = j - i; }
    i = j;
  }
  const hex = (from: number, to: number) => hextets.slice(from, to).map((h) => h.toString(16)).join(':');
  return bestLength >= 2 ? `${hex(0, best)}::${hex(best + bestLength, 8)}` : hex(0, 8);
}

/**
 * IP_PREFIX (IpPrefix.java): the address with all but its first `v4` bits (an IPv4 address) or `v6` bits
 * (any other) set to zero. Both lengths are checked whatever the address's family.
 */
function ipPrefix(ip: string, v4: number, v6: number): string | null {
  if (v4 < 0 || v4 > 32) throw new EvalFailure(`java.lang.IllegalArgumentException: Prefix length v4 must be in range [0, 32], found ${v4}`);
  if (v6 < 0 || v6 > 128) throw new EvalFailure(`java.lang.IllegalArgumentException: Prefix length v6 must be in range [0, 128], found ${v6}`);
  const bytes = ipBytes(ip);
  if (!bytes) return null;
  const ipv4 = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
  const kept = ipv4 ? 96 + v4 : v6;
  return ipText(bytes.map((b, i) => {
    const bits = Math.min(8, Math.max(0, kept - 8 * i));
    return b & ((0xff << (8 - bits)) & 0xff);
  }));
}

export const IP_FUNCTIONS: ScalarFunction[] = [
  fn({ name: 'CIDR_MATCH', doc: 'Whether the IP address lies in one of the CIDR blocks.', minArgs: 2, maxArgs: 100,
    returns: (t) => (t[0] !== 'ip' && t[0] !== 'null' ? { badArg: 0, expected: 'ip' }
      : t.slice(1).findIndex((x) => !isText(x)) >= 0 ? { badArg: 1 + t.slice(1).findIndex((x) => !isText(x)), expected: 'string' } : 'boolean'),
    impl: ([ip, ...blocks]) => blocks.some((b) => inBlock(String(ip), String(b))) }),
  fn({ name: 'IP_PREFIX', doc: 'Truncates an IP to a prefix length (one for IPv4 addresses, one for IPv6).', minArgs: 3, maxArgs: 3,
    returns: (t) => check(t, [[(x) => x === 'ip', 'ip'], [(x) => x === 'integer', 'integer'], [(x) => x === 'integer', 'integer']], 'ip'),
    impl: ([ip, v4, v6]) => ipPrefix(String(ip), v4 as number, v6 as number) }),
];
