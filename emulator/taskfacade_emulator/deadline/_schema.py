"""SQLite tables of the Deadline emulator.

A task row stores its schedule (``run_epoch`` + ``queued_s`` + ``run_s`` + ``outcome``, the shared lifecycle) and
the last UpdateTask's effect (``override_status`` taking effect at ``override_at``, ``INTERRUPTING`` from
``changed_at`` until then when the task was running); its run status is derived from these and the clock on every
read. ``deadline_client_tokens`` makes UpdateTask idempotent; ``deadline_counters`` counts applied updates.
"""

SCHEMA = """
CREATE TABLE IF NOT EXISTS deadline_jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL UNIQUE,
    farm_id TEXT NOT NULL,
    queue_id TEXT NOT NULL,
    name TEXT NOT NULL,
    priority INTEGER NOT NULL,
    created_at REAL NOT NULL,
    created_by TEXT NOT NULL,
    description TEXT,
    max_failed_tasks INTEGER NOT NULL,
    max_retries_per_task INTEGER NOT NULL,
    max_worker_count INTEGER NOT NULL,
    parameters TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS deadline_jobs_queue ON deadline_jobs (farm_id, queue_id, seq);

CREATE TABLE IF NOT EXISTS deadline_steps (
    step_id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS deadline_steps_job ON deadline_steps (job_id);

CREATE TABLE IF NOT EXISTS deadline_tasks (
    task_id TEXT PRIMARY KEY,
    farm_id TEXT NOT NULL,
    queue_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    created_at REAL NOT NULL,
    created_by TEXT NOT NULL,
    run_epoch REAL NOT NULL,
    queued_s REAL NOT NULL,
    run_s REAL NOT NULL,
    outcome TEXT NOT NULL,
    override_status TEXT,
    override_at REAL,
    changed_at REAL,
    interrupting INTEGER NOT NULL DEFAULT 0,
    target_run_status TEXT,
    updated_at REAL,
    updated_by TEXT,
    failure_retry_count INTEGER NOT NULL DEFAULT 0,
    session_seq INTEGER NOT NULL DEFAULT 0,
    parameters TEXT NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX IF NOT EXISTS deadline_tasks_step_seq ON deadline_tasks (step_id, seq);
CREATE INDEX IF NOT EXISTS deadline_tasks_job ON deadline_tasks (job_id);
CREATE INDEX IF NOT EXISTS deadline_tasks_queue ON deadline_tasks (queue_id);

CREATE TABLE IF NOT EXISTS deadline_client_tokens (
    token TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    error_type TEXT,
    body TEXT NOT NULL,
    created_at REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS deadline_counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
"""
