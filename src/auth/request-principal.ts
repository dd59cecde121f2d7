import type { Principal } from './principal';
import type { TokenService } from './token.service';

const PRINCIPAL = Symbol('auth:principal');

/**
 * The bearer token of an `Authorization` header: `Bearer`, any case, then whitespace (spaces or tabs, any
 * number) and the token; undefined without a header, '' for a header that is not a bearer token.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/**
 * Who the request's bearer token stands for (undefined: no token, or an unknown or revoked one),
 * authenticated once per request: the rate limits (which count the token id) and the auth guard share it.
 */
export async function requestPrincipal(req: { headers?: Record<string, unknown> }, tokens: TokenService): Promise<Principal | undefined> {
  const holder = req as { [PRINCIPAL]?: Promise<Principal | undefined> };
  if (!holder[PRINCIPAL]) {
    const header = req.headers?.authorization;
    const token = bearerToken(typeof header === 'string' ? header : undefined);
    holder[PRINCIPAL] = token ? tokens.authenticate(token) : Promise.resolve(undefined);
  }
  return holder[PRINCIPAL];
}

/** The principal requestPrincipal() found for this request (undefined when it was not asked or found none). */
export async function knownPrincipal(req: object): Promise<Principal | undefined> {
  return (req as { [PRINCIPAL]?: Promise<Principal | undefined> })[PRINCIPAL];
}

/**
 * The key an address is counted under: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so counting each address would multiply its budget by 2^64).
 * An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) counts as its IPv4 address.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const bare = ip.split('%')[0].toLowerCase();
  const [head, tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = bare.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) is two groups; only the first four groups matter here anyway.
  const groups = bare.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}
