// MV_ZIP, MV_PERCENTILE, MV_PSERIES_WEIGHTED_SUM, TO_DEGREES, TO_RADIANS, IP_PREFIX, DAY_NAME and MONTH_NAME end
// to end: values, column types and warning texts as Elasticsearch gives them (the texts are the exceptions of
// x-pack/plugin/esql/.../scalar/multivalue/MvZip.java, MvPercentile.java, MvPSeriesWeightedSum.java,
// convert/ToDegrees.java, ip/IpPrefix.java; several cases are those of the matching csv-spec files).
import { describe, expect, it } from 'vitest';
import { MemoryCatalog } from '../testing/memory-catalog';
import { failed, ILLEGAL, MULTI, refusalOf, runQuery } from '../testing/function-tests';

function catalog() {
  return new MemoryCatalog()
    .add('hosts', { card: { type: 'keyword' }, ip0: { type: 'ip' } }, [
      { card: 'eth0', ip0: '127.0.0.1' }, { card: 'eth1', ip0: '::1' }, { card: 'eth2', ip0: ['fe80::cae2:65ff:fece:feb9', '10.1.2.3'] },
      { card: 'eth3' }, { card: 'eth4', ip0: '10.20.30.40' },
    ])
    .add('nums', { n: { type: 'integer' }, l: { type: 'long' }, x: { type: 'double' }, k: { type: 'keyword' }, t: { type: 'text' } }, [
      { n: [3, 1, 2], l: [30, 10, 20], x: [0.5, -1.5], k: ['a', 'b'], t: 'one' },
      { n: 7, l: 70, x: 1e308, k: 'c', t: ['two', 'three', 'four'] },
      { x: [1e308, 2] },
      { x: [1e308, 1e308] },
    ])
    .add('days', { d: { type: 'date' }, dn: { type: 'date_nanos' } }, [
      { d: '2019-03-11T00:00:00Z', dn: '2022-07-26T23:59:59.99Z' },
      { d: ['2023-01-05T07:39:01Z', '2023-02-17T10:25:33Z'] },
      {},
    ]);
}

const run = (query: string) => runQuery(catalog(), query);

const refusal = (query: string) => refusalOf(catalog(), query);


describe('MV_ZIP', () => {
  it('pairs the values with the delimiter, keeping the longer side’s extra values', () => {
    const a = run('ROW a = ["x", "y", "z"], b = ["1", "2"] | EVAL z = MV_ZIP(a, b, "-"), w = MV_ZIP(b, a, "@@"), d = MV_ZIP("p", "q") | KEEP z, w, d');
    expect(a.columns).toEqual(['z:keyword', 'w:keyword', 'd:keyword']);
    expect(a.values).toEqual([[['x-1', 'y-2', 'z'], ['1@@x', '2@@y', 'z'], 'p,q']]);
    expect(a.warnings).toEqual([]);
  });

  it('is null only when both sides are null or the delimiter is null; one null side gives the other as it is', () => {
    const a = run('ROW a = MV_ZIP(null, ["p", "q"]), b = MV_ZIP("s", null, "-"), c = MV_ZIP(null, null), d = MV_ZIP("a", "b", null)');
    expect(a.columns).toEqual(['a:keyword', 'b:keyword', 'c:keyword', 'd:keyword']);
    expect(a.values).toEqual([[['p', 'q'], 's', null, null]]);
    expect(a.warnings).toEqual([]);
  });

  it('zips text and keyword columns row by row', () => {
    const a = run('FROM nums | EVAL z = MV_ZIP(k, t, ":") | KEEP z');
    expect(a.values).toEqual([[['a:one', 'b']], [['c:two', 'three', 'four']], [null], [null]]);
    expect(a.columns).toEqual(['z:keyword']);
  });

  it('a multi-valued delimiter is null with the single-value warning', () => {
    const a = run('ROW z = MV_ZIP("a", "b", ["x", "y"])');
    expect(a.values).toEqual([[null]]);
    expect(a.warnings).toEqual(failed('1:9', 'MV_ZIP("a", "b", ["x", "y"])', MULTI));
  });

  it('checks argument types', () => {
    expect(refusal('ROW z = MV_ZIP("a", 1)')).toContain('second argument of [MV_ZIP("a", 1)] must be [string], found value [1] type [integer]');
  });
});

describe('MV_PERCENTILE', () => {
  it.each([
    ['the documented example (mv_percentile.csv-spec)', 'ROW values = [5, 5, 10, 12, 5000] | EVAL p50 = MV_PERCENTILE(values, 50), median = MV_MEDIAN(values) | KEEP p50, median',
      ['p50:integer', 'median:integer'], [10, 10]],
    ['percentiles 0 and 100 of any type are the smallest and largest value',
      'ROW a = [5, 5, 10, 12, 5000] | EVAL p0 = MV_PERCENTILE(a, 0), p0l = MV_PERCENTILE(a, 0::long), p100 = MV_PERCENTILE(a, 100.0) | KEEP p0, p0l, p100',
      ['p0:integer', 'p0l:integer', 'p100:integer'], [5, 5, 5000]],
    ['an integer fraction is truncated', 'ROW a = [0, 10] | EVAL p = MV_PERCENTILE(a, 75), q = MV_PERCENTILE(a, 75.0) | KEEP p, q',
      ['p:integer', 'q:integer'], [7, 7]],
    ['doubles interpolate (MvPercentileTests)', 'ROW p = MV_PERCENTILE([-10.0, 5.0, 10.0], 75), m = MV_PERCENTILE([10.0, -10.0, 5.0], 50), s = MV_PERCENTILE(55.0, 13)',
      ['p:double', 'm:double', 's:double'], [7.5, 5, 55]],
    ['longs, and the widest int difference without overflow', 'ROW l = MV_PERCENTILE([-10, 5, 5000000000], 75), i = MV_PERCENTILE([-2147483647 - 1, 2147483647], 50)',
      ['l:long', 'i:integer'], [2500000002, -1]],
    ['a null value or percentile is null without a warning', 'ROW a = MV_PERCENTILE(null, 50), b = MV_PERCENTILE([1, 2], null), c = MV_PERCENTILE([1.5, 2.5], null)',
      ['a:null', 'b:integer', 'c:double'], [null, null, null]],
  ])('%s', (_title, query, columns, values) => {
    const a = run(query);
    expect(a.columns).toEqual(columns);
    expect(a.values).toEqual([values]);
    expect(a.warnings).toEqual([]);
  });

  it('works over indexed multi-values', () => {
    const a = run('FROM nums | EVAL pn = MV_PERCENTILE(n, 50), pl = MV_PERCENTILE(l, 25), px = MV_PERCENTILE(x, 50) | KEEP pn, pl, px');
    expect(a.values).toEqual([[2, 15, -0.5], [7, 70, 1e308], [null, null, 5e307 + 1], [null, null, 1e308]]);
  });

  it('a percentile outside [0, 100] is null with Elasticsearch’s warning, printed as a Java double', () => {
    const a = run('ROW v = [1, 2, 3] | EVAL a = MV_PERCENTILE(v, 101), b = MV_PERCENTILE(v, -0.5) | KEEP a, b');
    expect(a.values).toEqual([[null, null]]);
    expect(a.warnings).toEqual([
      ...failed('1:30', 'MV_PERCENTILE(v, 101)', `${ILLEGAL}Percentile parameter must be a number between 0 and 100, found [101.0]`),
      ...failed('1:57', 'MV_PERCENTILE(v, -0.5)', `${ILLEGAL}Percentile parameter must be a number between 0 and 100, found [-0.5]`),
    ]);
  });

  it('a null value with a percentile out of range is null without a warning; a multi-valued percentile warns', () => {
    const a = run('ROW v = null::integer | EVAL a = MV_PERCENTILE(v, 101), b = MV_PERCENTILE([1, 2], [10, 20]) | KEEP a, b');
    expect(a.values).toEqual([[null, null]]);
    expect(a.warnings).toEqual(failed('1:61', 'MV_PERCENTILE([1, 2], [10, 20])', MULTI));
  });

  it('checks argument types', () => {
    expect(refusal('ROW a = MV_PERCENTILE("x", 50)')).toContain('first argument of [MV_PERCENTILE("x", 50)] must be [numeric except unsigned_long], found value ["x"] type [keyword]');
    expect(refusal('ROW a = MV_PERCENTILE(1, "x")')).toContain('second argument of [MV_PERCENTILE(1, "x")] must be [numeric except unsigned_long], found value ["x"] type [keyword]');
  });
});

describe('MV_PSERIES_WEIGHTED_SUM', () => {
  it.each([
    ['the documented example', 'ROW data = [70.0, 45.0, 21.0, 21.0, 21.0] | EVAL score = MV_PSERIES_WEIGHTED_SUM(data, 1.5) | KEEP score', ['score:double'], [94.45465156212452]],
    ['one element', 'ROW s = MV_PSERIES_WEIGHTED_SUM([3.0], 9999.9)', ['s:double'], [3]],
    ['p = 0 sums', 'ROW s = MV_PSERIES_WEIGHTED_SUM([3.0, 10.0, 15.0], 0.0)', ['s:double'], [28]],
    ['negative p', 'ROW s = MV_PSERIES_WEIGHTED_SUM([10.0, 5.0, 3.0], -2.0)', ['s:double'], [57]],
    ['a null p makes the column null-typed', 'ROW s = MV_PSERIES_WEIGHTED_SUM([1.0, 2.0], null), t = MV_PSERIES_WEIGHTED_SUM(null, 1.0)', ['s:null', 't:null'], [null, null]],
  ])('%s', (_title, query, columns, values) => {
    const a = run(query);
    expect(a.columns).toEqual(columns);
    expect(a.values).toEqual([values]);
    expect(a.warnings).toEqual([]);
  });

  it('a sum that overflows is null with the “double overflow” warning', () => {
    const a = run('FROM nums | EVAL s = MV_PSERIES_WEIGHTED_SUM(x, 0.0) | KEEP s');
    expect(a.values).toEqual([[-1], [1e308], [1e308], [null]]);
    expect(a.warnings).toEqual(failed('1:22', 'MV_PSERIES_WEIGHTED_SUM(x, 0.0)', 'java.lang.ArithmeticException: double overflow'));
  });

  it('takes doubles only, and a constant p', () => {
    expect(refusal('FROM nums | EVAL s = MV_PSERIES_WEIGHTED_SUM(n, 1.0)'))
      .toContain('first argument of [MV_PSERIES_WEIGHTED_SUM(n, 1.0)] must be [double], found value [n] type [integer]');
    expect(refusal('FROM nums | EVAL s = MV_PSERIES_WEIGHTED_SUM(x, 2)'))
      .toContain('second argument of [MV_PSERIES_WEIGHTED_SUM(x, 2)] must be [double], found value [2] type [integer]');
    expect(refusal('FROM nums | EVAL s = MV_PSERIES_WEIGHTED_SUM(x, x)'))
      .toContain('second argument of [MV_PSERIES_WEIGHTED_SUM(x, x)] must be a constant, received [x]');
  });
});

describe('TO_DEGREES and TO_RADIANS', () => {
  it('convert any number to a double with Java’s constants', () => {
    const a = run('ROW a = TO_DEGREES(PI()), b = TO_DEGREES(1), c = TO_RADIANS(180), d = TO_RADIANS(90.0), e = TO_DEGREES(3000000000), f = TO_RADIANS(null)');
    expect(a.columns).toEqual(['a:double', 'b:double', 'c:double', 'd:double', 'e:double', 'f:double']);
    expect(a.values).toEqual([[180, 57.29577951308232, Math.PI, Math.PI / 2, 3000000000 * 57.29577951308232, null]]);
    expect(a.warnings).toEqual([]);
  });

  // indexed multi-values are read in ascending order, as from doc values
  it('convert multi-values element-wise; TO_DEGREES leaves out a non-finite result with a warning (ToDegrees.java)', () => {
    const a = run('FROM nums | EVAL d = TO_DEGREES(x), r = TO_RADIANS(x) | KEEP d, r');
    expect(a.values).toEqual([
      [[-1.5 * 57.29577951308232, 0.5 * 57.29577951308232], [-1.5 * 0.017453292519943295, 0.5 * 0.017453292519943295]],
      [null, 1e308 * 0.017453292519943295],
      [2 * 57.29577951308232, [2 * 0.017453292519943295, 1e308 * 0.017453292519943295]],
      [null, [1e308 * 0.017453292519943295, 1e308 * 0.017453292519943295]],
    ]);
    expect(a.warnings).toEqual(failed('1:22', 'TO_DEGREES(x)', 'java.lang.ArithmeticException: not a finite double number: Infinity'));
  });

  it('checks argument types', () => {
    expect(refusal('ROW a = TO_DEGREES("x")')).toContain('argument of [TO_DEGREES("x")] must be [numeric], found value ["x"] type [keyword]');
  });
});

describe('IP_PREFIX', () => {
  it.each([
    ['the documented example (ip.csv-spec)', 'ROW ip4 = to_ip("1.2.3.4"), ip6 = TO_IP("fe80::cae2:65ff:fece:feb9") | EVAL ip4_prefix = IP_PREFIX(ip4, 24, 0), ip6_prefix = IP_PREFIX(ip6, 0, 112) | KEEP ip4_prefix, ip6_prefix',
      ['ip4_prefix:ip', 'ip6_prefix:ip'], ['1.2.3.0', 'fe80::cae2:65ff:fece:0']],
    ['complete and zero lengths', 'ROW ip4 = to_ip("1.2.3.4"), ip6 = to_ip("fe80::cae2:65ff:fece:feb9") | eval a = ip_prefix(ip4, 32, 0), b = ip_prefix(ip6, 0, 128), c = ip_prefix(ip4, 0, 128), d = ip_prefix(ip6, 32, 0) | KEEP a, b, c, d',
      ['a:ip', 'b:ip', 'c:ip', 'd:ip'], ['1.2.3.4', 'fe80::cae2:65ff:fece:feb9', '0.0.0.0', '::']],
    ['lengths within a byte', 'ROW ip4 = to_ip("1.2.3.255"), ip6 = to_ip("fe80::cae2:65ff:fece:feff") | eval a = ip_prefix(ip4, 25, 0), b = ip_prefix(ip6, 0, 121) | KEEP a, b',
      ['a:ip', 'b:ip'], ['1.2.3.128', 'fe80::cae2:65ff:fece:fe80']],
    ['an IPv4-mapped IPv6 address is an IPv4 address', 'ROW a = IP_PREFIX(TO_IP("::ffff:10.1.2.3"), 8, 0), b = IP_PREFIX(TO_IP("2001:DB8:0:0:1:0:0:1"), 0, 128)',
      ['a:ip', 'b:ip'], ['10.0.0.0', '2001:db8::1:0:0:1']],
    ['null arguments give null', 'ROW ip4 = to_ip("1.2.3.4") | eval a = ip_prefix(null, 32, 128), b = ip_prefix(ip4, null, 128), c = ip_prefix(ip4, 32, null) | KEEP a, b, c',
      ['a:ip', 'b:ip', 'c:ip'], [null, null, null]],
  ])('%s', (_title, query, columns, values) => {
    const a = run(query);
    expect(a.columns).toEqual(columns);
    expect(a.values).toEqual([values]);
    expect(a.warnings).toEqual([]);
  });

  it('warns for lengths out of range, whatever the address family (ip.csv-spec ipPrefixWithWrongLengths)', () => {
    const a = run('row ip4 = to_ip("1.2.3.4")\n| eval a = ip_prefix(ip4, -1, 128), b = ip_prefix(ip4, 32, -1), c = ip_prefix(ip4, 33, 0), d = ip_prefix(ip4, 32, 129)');
    expect(a.values).toEqual([['1.2.3.4', null, null, null, null]]);
    expect(a.warnings).toEqual([
      ...failed('2:12', 'ip_prefix(ip4, -1, 128)', `${ILLEGAL}Prefix length v4 must be in range [0, 32], found -1`),
      ...failed('2:41', 'ip_prefix(ip4, 32, -1)', `${ILLEGAL}Prefix length v6 must be in range [0, 128], found -1`),
      ...failed('2:69', 'ip_prefix(ip4, 33, 0)', `${ILLEGAL}Prefix length v4 must be in range [0, 32], found 33`),
      ...failed('2:96', 'ip_prefix(ip4, 32, 129)', `${ILLEGAL}Prefix length v6 must be in range [0, 128], found 129`),
    ]);
  });

  it('over an ip column; a multi-value is null with the single-value warning', () => {
    const a = run('FROM hosts | EVAL prefix = IP_PREFIX(ip0, 24, 120) | KEEP card, prefix');
    expect(a.values).toEqual([['eth0', '127.0.0.0'], ['eth1', '::'], ['eth2', null], ['eth3', null], ['eth4', '10.20.30.0']]);
    expect(a.warnings).toEqual(failed('1:28', 'IP_PREFIX(ip0, 24, 120)', MULTI));
  });

  it('checks argument types', () => {
    expect(refusal('ROW a = IP_PREFIX("1.2.3.4", 24, 0)')).toContain('first argument of [IP_PREFIX("1.2.3.4", 24, 0)] must be [ip], found value ["1.2.3.4"] type [keyword]');
    expect(refusal('ROW a = IP_PREFIX(TO_IP("1.2.3.4"), 24, 1.0)')).toContain('third argument of [IP_PREFIX(TO_IP("1.2.3.4"), 24, 1.0)] must be [integer], found value [1.0] type [double]');
  });
});

describe('DAY_NAME and MONTH_NAME', () => {
  it.each([
    ['2019-03-11T00:00:00.00Z', 'Monday', 'March'], ['2022-07-26T23:59:59.99Z', 'Tuesday', 'July'], ['2017-10-11T23:12:32.12Z', 'Wednesday', 'October'],
    ['2023-01-05T07:39:01.28Z', 'Thursday', 'January'], ['2023-02-17T10:25:33.38Z', 'Friday', 'February'], ['2013-06-15T22:55:33.82Z', 'Saturday', 'June'],
    ['2024-08-18T01:01:29.49Z', 'Sunday', 'August'], ['1969-12-31T23:59:59.999Z', 'Wednesday', 'December'], ['1600-02-29T12:00:00Z', 'Tuesday', 'February'],
  ])('%s is a %s in %s (DayNameTests, en_US in UTC)', (date, day, month) => {
    const a = run(`ROW d = TO_DATETIME("${date}") | EVAL day = DAY_NAME(d), month = MONTH_NAME(d) | KEEP day, month`);
    expect(a.columns).toEqual(['day:keyword', 'month:keyword']);
    expect(a.values).toEqual([[day, month]]);
  });

  it('take dates and date_nanos; null is null, a multi-value null with the single-value warning', () => {
    const a = run('FROM days | EVAL a = DAY_NAME(d), b = MONTH_NAME(dn), c = MONTH_NAME(d) | KEEP a, b, c');
    expect(a.values).toEqual([['Monday', 'July', 'March'], [null, null, null], [null, null, null]]);
    expect(a.warnings).toEqual([...failed('1:22', 'DAY_NAME(d)', MULTI), ...failed('1:59', 'MONTH_NAME(d)', MULTI)]);
  });

  it('checks argument types', () => {
    expect(refusal('ROW a = DAY_NAME(1)')).toContain('must be [datetime or date_nanos], found value [1] type [integer]');
    expect(refusal('ROW a = MONTH_NAME(true)')).toContain('must be [datetime or date_nanos], found value [true] type [boolean]');
  });
});
