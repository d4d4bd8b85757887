"""The local cache: SQLAlchemy schema, migrations, bulk upserts, and the queries the UI needs. No Qt."""
