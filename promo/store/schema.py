"""Schema versions, oldest first; a new feature appends a version, never edits an old one."""

MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        "CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        "CREATE TABLE segments (key VARCHAR PRIMARY KEY, position INTEGER NOT NULL, data JSON NOT NULL)",
        "CREATE SEQUENCE scenario_id START 1",
        """CREATE TABLE scenarios (
               id BIGINT PRIMARY KEY DEFAULT nextval('scenario_id'),
               name VARCHAR NOT NULL,
               type VARCHAR NOT NULL,
               campaign JSON NOT NULL,
               summary JSON NOT NULL,
               created TIMESTAMP NOT NULL,
               updated TIMESTAMP NOT NULL)""",
    ]),
]
