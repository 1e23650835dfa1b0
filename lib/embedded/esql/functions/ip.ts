/** ES|QL IP functions: CIDR_MATCH. */
import { BlockList, isIP } from 'node:net';
import { EvalFailure, fn, type ScalarFunction } from './define';
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

export const IP_FUNCTIONS: ScalarFunction[] = [
  fn({ name: 'CIDR_MATCH', doc: 'Whether the IP address lies in one of the CIDR blocks.', minArgs: 2, maxArgs: 100,
    returns: (t) => (t[0] !== 'ip' && t[0] !== 'null' ? { badArg: 0, expected: 'ip' }
      : t.slice(1).findIndex((x) => !isText(x)) >= 0 ? { badArg: 1 + t.slice(1).findIndex((x) => !isText(x)), expected: 'string' } : 'boolean'),
    impl: ([ip, ...blocks]) => blocks.some((b) => inBlock(String(ip), String(b))) }),
];
