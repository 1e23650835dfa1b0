/**
 * The grok pattern library of the embedded engine: the common base patterns (numbers, words, addresses,
 * dates and times, paths, URIs, log levels), written for this engine from what each pattern is documented
 * to match. Definitions are JavaScript regular expressions that may refer to other patterns as
 * `%{NAME}`; none of them captures anything itself, so only the user's `%{NAME:field}` names columns.
 */

/** Pattern name → definition. */
export const GROK_PATTERNS: Readonly<Record<string, string>> = {
  // --- words and text
  WORD: String.raw`\b\w+\b`,
  NOTSPACE: String.raw`\S+`,
  SPACE: String.raw`\s*`,
  DATA: '.*?',
  GREEDYDATA: '.*',
  // a double-, single- or back-quoted string; a backslash escapes the next character
  QUOTEDSTRING: '(?:"(?:[^"\\\\]|\\\\.)*"|\'(?:[^\'\\\\]|\\\\.)*\'|`(?:[^`\\\\]|\\\\.)*`)',
  QS: '%{QUOTEDSTRING}',
  UUID: String.raw`[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}`,
  URN: String.raw`urn:[0-9A-Za-z][0-9A-Za-z-]{0,31}:(?:%[0-9a-fA-F]{2}|[0-9A-Za-z()+,.:=@;$_!*'/?#-])+`,
  USERNAME: String.raw`[a-zA-Z0-9._-]+`,
  USER: '%{USERNAME}',
  // the part before the @: RFC 5322 "atext" characters, in dot-separated runs
  EMAILLOCALPART: "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*",
  EMAILADDRESS: '%{EMAILLOCALPART}@%{HOSTNAME}',
  LOGLEVEL: '(?:' + [
    '[Aa]lert|ALERT', '[Tt]race|TRACE', '[Dd]ebug|DEBUG', '[Nn]otice|NOTICE', '[Ii]nfo(?:rmation)?|INFO(?:RMATION)?',
    '[Ww]arn(?:ing)?|WARN(?:ING)?', '[Ee]rr(?:or)?|ERR(?:OR)?', '[Cc]rit(?:ical)?|CRIT(?:ICAL)?', '[Ff]atal|FATAL',
    '[Ss]evere|SEVERE', '[Ee]merg(?:ency)?|EMERG(?:ENCY)?',
  ].join('|') + ')',

  // --- numbers
  INT: '[+-]?[0-9]+',
  // a decimal number with an optional sign and fraction, not glued to a preceding digit, dot or sign
  BASE10NUM: String.raw`(?<![0-9.+-])[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)`,
  NUMBER: '%{BASE10NUM}',
  BASE16NUM: String.raw`(?<![0-9A-Fa-f])[+-]?(?:0x)?[0-9A-Fa-f]+`,
  BASE16FLOAT: String.raw`\b[+-]?(?:0x)?(?:[0-9A-Fa-f]+(?:\.[0-9A-Fa-f]*)?|\.[0-9A-Fa-f]+)\b`,
  POSINT: String.raw`\b[1-9][0-9]*\b`,
  NONNEGINT: String.raw`\b[0-9]+\b`,

  // --- network
  IPV4: String.raw`(?<![0-9])(?:%{ipv4_octet}\.){3}%{ipv4_octet}(?![0-9])`,
  // eight groups of hex digits, a `::` standing for a run of zero groups, an IPv4 tail, an optional zone
  IPV6: '(?:' + [
    '(?:%{ipv6_group}:){7}(?:%{ipv6_group}|:)',
    '(?:%{ipv6_group}:){6}(?::%{ipv6_group}|%{IPV4}|:)',
    '(?:%{ipv6_group}:){5}(?:(?::%{ipv6_group}){1,2}|:%{IPV4}|:)',
    '(?:%{ipv6_group}:){4}(?:(?::%{ipv6_group}){1,3}|(?::%{ipv6_group})?:%{IPV4}|:)',
    '(?:%{ipv6_group}:){3}(?:(?::%{ipv6_group}){1,4}|(?::%{ipv6_group}){0,2}:%{IPV4}|:)',
    '(?:%{ipv6_group}:){2}(?:(?::%{ipv6_group}){1,5}|(?::%{ipv6_group}){0,3}:%{IPV4}|:)',
    '%{ipv6_group}:(?:(?::%{ipv6_group}){1,6}|(?::%{ipv6_group}){0,4}:%{IPV4}|:)',
    ':(?:(?::%{ipv6_group}){1,7}|(?::%{ipv6_group}){0,5}:%{IPV4}|:)',
  ].join('|') + ')(?:%[^\\s%]+)?',
  IP: '(?:%{IPV6}|%{IPV4})',
  HOSTNAME: String.raw`\b(?:[0-9A-Za-z][0-9A-Za-z-]{0,62})(?:\.(?:[0-9A-Za-z][0-9A-Za-z-]{0,62}))*(?:\.?|\b)`,
  IPORHOST: '(?:%{IP}|%{HOSTNAME})',
  HOSTPORT: '%{IPORHOST}:%{POSINT}',
  MAC: '(?:%{CISCOMAC}|%{WINDOWSMAC}|%{COMMONMAC})',
  CISCOMAC: String.raw`(?:[A-Fa-f0-9]{4}\.){2}[A-Fa-f0-9]{4}`,
  WINDOWSMAC: '(?:[A-Fa-f0-9]{2}-){5}[A-Fa-f0-9]{2}',
  COMMONMAC: '(?:[A-Fa-f0-9]{2}:){5}[A-Fa-f0-9]{2}',

  // --- paths and URIs
  UNIXPATH: String.raw`(?:/[\w%!$@:.,+~-]*)+`,
  WINPATH: String.raw`(?:[A-Za-z]+:|\\)(?:\\[^\\?*]*)+`,
  PATH: '(?:%{UNIXPATH}|%{WINPATH})',
  // a program name: printable ASCII except `[` and `]`
  PROG: String.raw`[\x21-\x5a\x5c\x5e-\x7e]+`,
  TTY: String.raw`/dev/(?:pts|tty[pq]?)(?:\w+)?/?[0-9]+`,
  URIPROTO: String.raw`[A-Za-z][A-Za-z0-9+.-]+`,
  URIHOST: '%{IPORHOST}(?::%{POSINT})?',
  URIPATH: String.raw`(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_-]*)+`,
  URIQUERY: String.raw`[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?<>\[\]-]*`,
  URIPARAM: String.raw`\?%{URIQUERY}`,
  URIPATHPARAM: '%{URIPATH}(?:%{URIPARAM})?',
  URI: '%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATH}(?:%{URIPARAM})?)?',

  // --- dates and times
  MONTH: String.raw`\b(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]une?|[Jj]uly?|[Aa]ug(?:ust)?|[Ss]ep(?:t(?:ember)?)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)\b`,
  MONTHNUM: '(?:0?[1-9]|1[0-2])',
  MONTHNUM2: '(?:0[1-9]|1[0-2])',
  MONTHDAY: '(?:0[1-9]|[12][0-9]|3[01]|[1-9])',
  DAY: '(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)',
  YEAR: String.raw`(?:\d\d){1,2}`,
  HOUR: '(?:2[0-3]|[01]?[0-9])',
  MINUTE: '(?:[0-5][0-9])',
  // 60 for a leap second; an optional fraction after `.`, `,` or `:`
  SECOND: '(?:(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?)',
  TIME: '(?<![0-9])%{HOUR}:%{MINUTE}(?::%{SECOND})(?![0-9])',
  DATE_US: '%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}',
  DATE_EU: '%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}',
  DATE: '(?:%{DATE_US}|%{DATE_EU})',
  DATESTAMP: '%{DATE}[- ]%{TIME}',
  ISO8601_TIMEZONE: '(?:Z|[+-]%{HOUR}(?::?%{MINUTE}))',
  ISO8601_SECOND: '%{SECOND}',
  TIMESTAMP_ISO8601: '%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?',
  TZ: '(?:[APMCE][SD]T|UTC)',
  DATESTAMP_RFC822: '%{DAY} %{MONTH} %{MONTHDAY} %{YEAR} %{TIME} %{TZ}',
  DATESTAMP_RFC2822: '%{DAY}, %{MONTHDAY} %{MONTH} %{YEAR} %{TIME} %{ISO8601_TIMEZONE}',
  DATESTAMP_OTHER: '%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{TZ} %{YEAR}',
  DATESTAMP_EVENTLOG: '%{YEAR}%{MONTHNUM2}%{MONTHDAY}%{HOUR}%{MINUTE}%{SECOND}',
  SYSLOGTIMESTAMP: '%{MONTH} +%{MONTHDAY} %{TIME}',
  SYSLOGHOST: '%{IPORHOST}',
  HTTPDATE: '%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}',
};

/** Building blocks the definitions above use; a query cannot name them (Elasticsearch has no such patterns). */
export const GROK_HELPERS: Readonly<Record<string, string>> = {
  ipv4_octet: '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])',
  ipv6_group: '[0-9A-Fa-f]{1,4}',
};

/**
 * Patterns Elasticsearch's library has that this one lacks: composite log formats whose definitions name
 * fields of their own (SYSLOGBASE, COMBINEDAPACHELOG, …). Named so that a query using one is told the
 * engine lacks it, rather than that no such pattern exists.
 */
export const UNSUPPORTED_GROK_PATTERNS: ReadonlySet<string> = new Set([
  'SYSLOGPROG', 'SYSLOGFACILITY', 'SYSLOGBASE', 'SYSLOGLINE', 'SYSLOG5424PRI', 'SYSLOG5424SD', 'SYSLOG5424BASE', 'SYSLOG5424LINE',
  'SYSLOG5424PRINTASCII', 'SYSLOGPAMSESSION', 'CRON_ACTION', 'CRONLOG', 'HTTPDUSER', 'HTTPDERROR_DATE',
  'HTTPD_COMMONLOG', 'HTTPD_COMBINEDLOG', 'HTTPD20_ERRORLOG', 'HTTPD24_ERRORLOG', 'HTTPD_ERRORLOG', 'COMMONAPACHELOG',
  'COMBINEDAPACHELOG', 'JAVACLASS', 'JAVAFILE', 'JAVAMETHOD', 'JAVASTACKTRACEPART', 'JAVATHREAD', 'JAVALOGMESSAGE',
  'CATALINA_DATESTAMP', 'CATALINALOG', 'TOMCAT_DATESTAMP', 'TOMCATLOG', 'NAGIOSLOGLINE', 'POSTGRESQL', 'RUUID', 'RCONTROLLER',
  'RAILS3HEAD', 'RAILS3FOOT', 'RAILS3PROFILE', 'RAILS3', 'REDISTIMESTAMP', 'REDISLOG', 'MONGO_LOG', 'MONGO3_LOG',
]);
