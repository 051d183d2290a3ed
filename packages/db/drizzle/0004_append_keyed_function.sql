-- Appends keyed run events in one statement (one round trip instead of a four-statement
-- transaction): locks the run, skips keys the run already has, numbers the rest after the run's
-- last seq, and returns the stored events. Each statement of a plpgsql function sees what was
-- committed before it started, so the numbering reads the log as the previous holder of the
-- lock left it. An unknown run raises SQLSTATE BLG01.
CREATE OR REPLACE FUNCTION beluga_append_keyed(p_run_id text, p_events jsonb)
RETURNS SETOF jsonb
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM 1 FROM runs WHERE id = p_run_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Run "%" does not exist', p_run_id USING ERRCODE = 'BLG01';
  END IF;
  RETURN QUERY
    WITH drafts AS (
      SELECT e, ord FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord)
    ), fresh AS (
      SELECT DISTINCT ON (e->>'key') e, ord FROM drafts d
      WHERE NOT EXISTS (
        SELECT 1 FROM run_events r WHERE r.run_id = p_run_id AND r.key = d.e->>'key')
      ORDER BY e->>'key', ord
    ), numbered AS (
      SELECT e, row_number() OVER (ORDER BY ord) AS n FROM fresh
    ), base AS (
      SELECT coalesce(max(seq), 0) AS last FROM run_events WHERE run_id = p_run_id
    )
    INSERT INTO run_events (run_id, seq, event, key)
    SELECT p_run_id, (base.last + n)::integer,
           (e - 'key') || jsonb_build_object('runId', p_run_id, 'seq', base.last + n),
           e->>'key'
    FROM numbered, base
    RETURNING run_events.event;
END
$$;
