-- Title: Seed notebook: async execution (pipes, PARALLEL, EXECUTION status)
-- Create a procedure that simulates log analysis
CREATE PROCEDURE analyze_logs(index_pattern STRING)
BEGIN
    PRINT 'Analyzing logs from: ' || index_pattern;
    DECLARE result DOCUMENT = { "analyzed": true, "pattern": index_pattern, "count": 1000 };
    RETURN result;
END PROCEDURE

-- Create a success handler
CREATE PROCEDURE handle_success(result DOCUMENT)
BEGIN
    PRINT 'SUCCESS: Analysis complete!';
    PRINT 'Result: ' || result;
    RETURN 'handled';
END PROCEDURE

-- Create an error handler
CREATE PROCEDURE handle_error(error STRING)
BEGIN
    PRINT 'ERROR: ' || error;
    PRINT 'Alerting on-call team...';
    RETURN 'error_handled';
END PROCEDURE

CREATE PROCEDURE test_async_basic()
BEGIN
    analyze_logs('logs-*')
    | ON_DONE handle_success(@result)
    | TRACK AS 'basic-test';

    RETURN 'Async execution started';
END PROCEDURE

CALL test_async_basic();

CREATE PROCEDURE check_status()
BEGIN
    EXECUTION('basic-test') | STATUS;
END PROCEDURE

CALL check_status();

CREATE PROCEDURE fetch_logs()
BEGIN
    PRINT 'Fetching logs...';
    RETURN { "source": "logs", "count": 500 };
END PROCEDURE

CREATE PROCEDURE fetch_metrics()
BEGIN
    PRINT 'Fetching metrics...';
    RETURN { "source": "metrics", "count": 200 };
END PROCEDURE

CREATE PROCEDURE merge_results(results ARRAY)
BEGIN
    PRINT 'Merging ' || ARRAY_LENGTH(results) || ' results...';
    RETURN { "merged": true, "total": ARRAY_LENGTH(results) };
END PROCEDURE

CREATE PROCEDURE test_parallel()
BEGIN
    PARALLEL [fetch_logs(), fetch_metrics()]
    | ON_ALL_DONE merge_results(@results)
    | TRACK AS 'parallel-fetch';

    RETURN 'Parallel execution started';
END PROCEDURE

CALL test_parallel();

FROM .escript_executions | WHERE status == 'RUNNING'
