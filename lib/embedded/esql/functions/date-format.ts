/**
 * DATE_FORMAT with a Java `DateTimeFormatter` pattern, in UTC and the root (English) locale, as
 * Elasticsearch formats. Letters run in groups (`yyyy`, `MMM`); quoted text and punctuation are literal.
 * A letter this engine does not format (week-based fields, localized day numbers, zone names beyond UTC)
 * is refused rather than printed wrongly.
 */

import { patternTokens } from '../../mapping/date-pattern';

/** A pattern letter this engine cannot format (it names the letters). */
export class UnsupportedDateFormat extends Error {}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const QUARTERS = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];
/** Letters whose text Elasticsearch warns may change with the JDK's locale data. */
const TEXTUAL = /^(M{3,}|L{3,}|E+|a|G+|Q{3,}|q{3,}|z+)$/;

const pad = (n: number, width: number) => {
  const text = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${text}` : text;
};

/** Text of `count` letters `letter` for the UTC date `d`. */
function field(d: Date, letter: string, count: number): string {
  const text = (full: string) => (count === 4 ? full : count === 5 ? full[0] : full.slice(0, 3));
  switch (letter) {
    case 'y': case 'u': {
      const year = d.getUTCFullYear();
      return count === 2 ? pad(((year % 100) + 100) % 100, 2) : pad(year, count);
    }
    case 'M': case 'L': return count <= 2 ? pad(d.getUTCMonth() + 1, count) : text(MONTHS[d.getUTCMonth()]);
    case 'Q': case 'q': {
      const q = Math.floor(d.getUTCMonth() / 3);
      return count <= 2 ? pad(q + 1, count) : count === 3 ? `Q${q + 1}` : count === 4 ? QUARTERS[q] : String(q + 1);
    }
    case 'd': return pad(d.getUTCDate(), count);
    case 'D': return pad(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, count);
    case 'E': return text(DAYS[d.getUTCDay()]);
    case 'a': return d.getUTCHours() < 12 ? 'AM' : 'PM';
    case 'H': return pad(d.getUTCHours(), count);
    case 'k': return pad(d.getUTCHours() === 0 ? 24 : d.getUTCHours(), count);
    case 'K': return pad(d.getUTCHours() % 12, count);
    case 'h': return pad(d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12, count);
    case 'm': return pad(d.getUTCMinutes(), count);
    case 's': return pad(d.getUTCSeconds(), count);
    // fractions of the second, milliseconds being all a date holds here
    case 'S': return pad(d.getUTCMilliseconds(), 3).padEnd(count, '0').slice(0, count);
    case 'A': return pad(d.getUTCHours() * 3_600_000 + d.getUTCMinutes() * 60_000 + d.getUTCSeconds() * 1000 + d.getUTCMilliseconds(), count);
    case 'G': return count === 4 ? (d.getUTCFullYear() > 0 ? 'Anno Domini' : 'Before Christ') : d.getUTCFullYear() > 0 ? 'AD' : 'BC';
    // the zone is always UTC
    case 'X': return 'Z';
    case 'x': return count === 1 ? '+00' : count === 2 || count === 4 ? '+0000' : '+00:00';
    case 'Z': return count <= 3 ? '+0000' : count === 4 ? 'GMT' : 'Z';
    case 'z': return count === 4 ? 'Coordinated Universal Time' : 'UTC';
    case 'V': return 'Z';
    case 'O': return 'GMT';
    default: throw new UnsupportedDateFormat(`date format letter [${letter.repeat(count)}] is not supported by the embedded engine`);
  }
}

/** Whether Elasticsearch warns about `pattern`'s textual fields (month and day names, am/pm, eras, zone names). */
export function hasTextualFields(pattern: string): boolean {
  return patternTokens(pattern).some((t) => 'letter' in t && TEXTUAL.test(t.letter.repeat(t.count)));
}

/** `ms` (epoch milliseconds) formatted with the Java pattern `pattern`, in UTC. */
export function formatWithPattern(ms: number, pattern: string): string {
  const d = new Date(ms);
  let out = '';
  for (const t of patternTokens(pattern)) out += 'literal' in t ? t.literal : field(d, t.letter, t.count);
  return out;
}
