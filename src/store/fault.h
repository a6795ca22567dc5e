/* fault: the failing VFS of the fault tests (fault.c); private to src/store/. */
#ifndef HEARTH_STORE_FAULT_H
#define HEARTH_STORE_FAULT_H

/* Makes the failing VFS SQLite's default when the build has HEARTH_FAULTS and the
 * environment asks for a fault (HEARTH_FAULT or HEARTH_FAULT_ARM); otherwise does nothing.
 * Called once, before SQLite opens anything. */
void fault_install(void);

#endif
