/* migrations: the numbered schema files compiled into the binary (scripts/embed-sql).
 * store_migrations[i] has number i + 1; they run in order inside one transaction each. */
#ifndef HEARTH_STORE_MIGRATIONS_H
#define HEARTH_STORE_MIGRATIONS_H

struct migration {
	int number;
	const char *name;
	const char *sql;
};

extern const struct migration store_migrations[];
extern const int store_migration_count;

#endif
