"""Records → validated tables: builders, name resolution, findings, schemas, storage."""
