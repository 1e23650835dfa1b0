/**
 * The ES|QL capabilities this engine reports through `GET /_capabilities` for `POST /_query`. Elasticsearch's
 * tests (and clients) use them to decide what to run, so a name belongs here only when the engine really has
 * the behaviour it stands for; everything else reads as unsupported. Names are Elasticsearch's
 * (`EsqlCapabilities.Cap`, lower-cased).
 */
export const ESQL_CAPABILITIES: ReadonlySet<string> = new Set([
  // the response carries `documents_found` and `values_loaded` (counted as FROM reads documents)
  'documents_found_and_values_loaded',
  // `LIMIT ?param`, with 9.1's "Invalid value for LIMIT [v: Type]" parsing error for a value that is not a count
  'parameter_for_limit',
  // FROM … METADATA _id, _index, _version, _ignored, _source
  'metadata_fields',
  // METADATA _ignored: the fields a document's values were not indexed for (ignore_malformed, ignore_above)
  'metadata_ignored_field',
  // METADATA _source is a `_source` column holding the document; SORT on it and COUNT_DISTINCT of it are refused
  'sort_returning_source_ok',
  'sorting_on_source_and_counters_forbidden',
  'fix_count_distinct_source_error',
  // `"3 days"::date_period` and `?p::time_duration`: a constant string cast to an interval
  'cast_string_literal_to_temporal_amount',
  // GET /_query/queries and GET /_query/queries/<id> list the queries running in this engine
  'query_monitoring',
  // TO_LOWER/TO_UPPER of "" is "" (not null), so `TO_LOWER(x) == ""` matches empty strings
  'to_lower_empty_string',
  // `SAMPLE ?p`: SAMPLE (commands/sample.ts) takes its probability from a parameter too
  'parameter_for_sample',
  // GROK refuses, while parsing, a field captured by two different references (`%{NUMBER:a} %{WORD:a}`)
  'grok_validation',
  // GROK takes several patterns; the first that matches applies
  'grok_multi_pattern',
]);
// Not reported (the engine lacks them; the tests that need them are skipped by the runner):
// - fix_index_like_question_mark_wildcard: the fix concerns Lucene's automaton size limit for `_index LIKE`;
//   the engine matches with a regular expression and has no such limit, so it answers where Elasticsearch fails.
