import { addressKey, bearerToken } from './request-principal';

describe('request-principal', () => {
  it('reads the bearer token however the header spells "Bearer" and its whitespace', () => {
    for (const header of ['Bearer abc', 'bearer  abc', 'BEARER\tabc', 'Bearer abc  ', 'bEaReR \t abc']) expect(bearerToken(header)).toBe('abc');
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic abc')).toBe('');
    expect(bearerToken('Bearer a b')).toBe('');
  });

  it('counts an IPv6 address by its /64, an IPv4 (or IPv4-mapped) address as it is', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    const a = addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::1')).toBe(a);
    expect(addressKey('2001:db8:1:2::ffff:1')).toBe(a);
    expect(addressKey('2001:DB8:1:2:0:0:0:9')).toBe(a);
    expect(addressKey('2001:db8:1:3::1')).not.toBe(a);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
