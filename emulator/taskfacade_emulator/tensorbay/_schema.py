"""TensorBay's SQLite tables: datasets, drafts, jobs (with their lifecycle schedule) and the verb log."""

from __future__ import annotations

SCHEMA = """
CREATE TABLE IF NOT EXISTS tensorbay_datasets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    alias TEXT NOT NULL DEFAULT '',
    is_public INTEGER NOT NULL DEFAULT 0,
    type INTEGER NOT NULL DEFAULT 0,
    default_branch TEXT NOT NULL DEFAULT 'main',
    commit_id TEXT,
    branches TEXT NOT NULL DEFAULT '["main"]',
    created_at REAL NOT NULL,
    seeded INTEGER NOT NULL DEFAULT 0,
    source_job_id TEXT
);
CREATE TABLE IF NOT EXISTS tensorbay_drafts (
    dataset_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    branch_name TEXT NOT NULL,
    status TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parent_commit_id TEXT,
    author TEXT NOT NULL,
    created_at REAL NOT NULL,
    job_id TEXT,
    PRIMARY KEY (dataset_id, number)
);
CREATE INDEX IF NOT EXISTS tensorbay_drafts_job ON tensorbay_drafts (job_id);
CREATE TABLE IF NOT EXISTS tensorbay_jobs (
    job_id TEXT PRIMARY KEY,
    dataset_id TEXT NOT NULL,
    job_type TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    arguments TEXT NOT NULL,
    created_at REAL NOT NULL,
    sched_start REAL NOT NULL,
    queued_s REAL NOT NULL,
    run_s REAL NOT NULL,
    outcome TEXT NOT NULL,
    canceled_at REAL,
    failure TEXT NOT NULL DEFAULT '',
    draft_number INTEGER,
    search_result_id TEXT,
    search_commit_id TEXT,
    seeded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tensorbay_jobs_list ON tensorbay_jobs (dataset_id, job_type, created_at);
CREATE INDEX IF NOT EXISTS tensorbay_jobs_search_result ON tensorbay_jobs (search_result_id);
CREATE TABLE IF NOT EXISTS tensorbay_verbs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL,
    verb TEXT NOT NULL,
    applied INTEGER NOT NULL,
    at REAL NOT NULL,
    request_id TEXT
);
CREATE INDEX IF NOT EXISTS tensorbay_verbs_job ON tensorbay_verbs (job_id, verb);
"""

#: The lifecycle phase of a ``tensorbay_jobs`` row (alias ``j``) at ``:now``, in SQL; mirrors
#: ``Schedule.phase_at`` so listings can filter by status without loading every row.
PHASE_SQL = """
CASE
    WHEN j.canceled_at IS NOT NULL AND :now >= j.canceled_at
         AND j.canceled_at < j.sched_start + j.queued_s + j.run_s THEN 'canceled'
    WHEN :now < j.sched_start + j.queued_s THEN 'queued'
    WHEN :now < j.sched_start + j.queued_s + j.run_s THEN 'running'
    ELSE j.outcome
END
"""
