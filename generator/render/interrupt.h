/* interrupt.h - what a run stopped by SIGINT, SIGTERM or SIGHUP leaves:
 * nothing half-written.  Temporary files and folders being written are
 * held here while they exist; a stop removes them, stops the run's worker
 * processes, and then ends the process by the same signal, so the caller
 * (a shell, cron, a job scheduler) sees how it ended. */
#ifndef JX_INTERRUPT_H
#define JX_INTERRUPT_H

#include <stdbool.h>
#include <sys/types.h>

/* Installs the handlers; once, early in main. */
void jx_interrupt_init(void);

/* Holds path (a file, or a folder and all in it when dir) for removal on a
 * stop; returns
 * a slot for jx_interrupt_release, or -1 when all slots are taken (the
 * path is then not removed on a stop). */
int jx_interrupt_hold(const char *path, bool dir);
void jx_interrupt_release(int slot);

/* mkstemp(tmpl), the file held (*slot) from the moment it exists; -1 and
 * errno on failure. */
int jx_interrupt_mkstemp(char *tmpl, int *slot);

/* A worker process to stop with the run; jx_interrupt_forget once it has
 * been waited for. */
void jx_interrupt_child(pid_t pid);
void jx_interrupt_forget(pid_t pid);

#endif
