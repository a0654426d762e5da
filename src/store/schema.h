/* schema.h — versioned SQL migrations of the SQLite store (internal to store/). */
#ifndef ZX_STORE_SCHEMA_H
#define ZX_STORE_SCHEMA_H

/* The newest schema version this program knows. */
int zx_schema_version(void);

/* SQL that migrates version to_version-1 to to_version; NULL when out of range. */
const char *zx_schema_migration(int to_version);

#endif
