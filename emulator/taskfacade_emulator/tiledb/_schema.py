"""SQLite tables of the TileDB emulator.

``tiledb_tasks`` keeps each task's schedule (``created_at``, ``queued_s``, ``run_s``, the precomputed
``started_at``/``ends_at`` and the ``outcome`` with the ``final_status`` it shows once finished); the status is
derived from the clock on every read. Indexes cover what the listing filters and sorts by: the workspace with the
creation time (the default order and the start/end window), the type (the "latest SQL/UDF task" query) and the
name. ``seq`` is the rowid, the tie-breaker that makes every order total.
"""

#: Secondary indexes of ``tiledb_tasks`` by name; seeding drops them, bulk-inserts, then builds them (2x faster).
TASK_INDEXES = {
    # Covers every column the status/type/file-type filters read, so deep OFFSETs skip rows inside the index.
    "tiledb_tasks_by_created": (
        "tiledb_tasks (workspace, created_at, seq, started_at, ends_at, final_status, type, file_type)"
    ),
    "tiledb_tasks_by_type": "tiledb_tasks (workspace, type, created_at, seq)",
    "tiledb_tasks_by_name": "tiledb_tasks (workspace, name, seq)",
}

TABLES = """
CREATE TABLE IF NOT EXISTS tiledb_tasks (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    workspace TEXT NOT NULL,
    teamspace TEXT NOT NULL,
    teamspace_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    namespace TEXT NOT NULL,
    username TEXT NOT NULL,
    array_id TEXT,
    array_path TEXT,
    file_type TEXT,
    created_at REAL NOT NULL,
    queued_s REAL NOT NULL,
    run_s REAL NOT NULL,
    started_at REAL NOT NULL,
    ends_at REAL NOT NULL,
    outcome TEXT NOT NULL,
    final_status TEXT NOT NULL,
    result_format TEXT,
    memory INTEGER NOT NULL,
    cpu INTEGER NOT NULL,
    cost REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tiledb_results (
    task_id TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS tiledb_sessions (
    token TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    issued_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tiledb_assets (
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (kind, seq)
);
CREATE TABLE IF NOT EXISTS tiledb_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

SCHEMA = TABLES + "".join(f"CREATE INDEX IF NOT EXISTS {name} ON {on};\n" for name, on in TASK_INDEXES.items())

TASK_COLUMNS = (
    "id",
    "workspace",
    "teamspace",
    "teamspace_id",
    "type",
    "name",
    "description",
    "namespace",
    "username",
    "array_id",
    "array_path",
    "file_type",
    "created_at",
    "queued_s",
    "run_s",
    "started_at",
    "ends_at",
    "outcome",
    "final_status",
    "result_format",
    "memory",
    "cpu",
    "cost",
)

INSERT_TASK = (
    f"INSERT INTO tiledb_tasks ({', '.join(TASK_COLUMNS)}) "  # noqa: S608 (constant column names)
    f"VALUES ({', '.join('?' for _ in TASK_COLUMNS)})"
)
