/*
 * watchdog.h — wall-clock and CPU time limits for a script.
 *
 * The instruction count (--max-instructions) never sees time spent where
 * the Lua hook does not run: inside one C call (string.find on a
 * pathological pattern, a huge gsub) or in a __gc finalizer (Lua turns
 * hooks off there). So a watchdog thread watches the clock instead:
 *
 *  - soft limit: when the script's wall-clock time (--max-seconds) or the
 *    process's CPU time since the script started (--max-cpu-seconds) is
 *    up, it sets a flag (an atomic int, safe to read anywhere) that the
 *    host's count hook checks every few thousand instructions, raising a
 *    Lua error that names the limit (exit 1, as for the other limits);
 *  - hard limit: if the script is still running a grace period later
 *    (max(2 s, a tenth of the limit)), the hook evidently never ran: the
 *    watchdog prints a message naming the script and the limit and ends
 *    the process with LEDE_EXIT_KILLED (3). RLIMIT_CPU, set a little past
 *    that, is the kernel's backstop for the CPU limit (SIGXCPU, same
 *    message and exit code).
 *
 * One script is watched at a time (a process runs one; the REPL's :run
 * runs its report to the end before the next).
 */
#ifndef LEDE_WATCHDOG_H
#define LEDE_WATCHDOG_H

enum { LEDE_WATCH_NONE = 0, LEDE_WATCH_WALL = 1, LEDE_WATCH_CPU = 2 };

/* Start watching the script `what` (its path, for the hard-limit message)
 * run by the state `owner`: wall and cpu are limits in seconds (0: none).
 * Replaces a watch already armed. Returns 0, or -1 if the watchdog thread
 * cannot start (then nothing is watched). */
int lede_watchdog_arm(const void *owner, double wall, double cpu, const char *what);

/* Stop watching, if owner is the state being watched (clears the flag). */
void lede_watchdog_disarm(const void *owner);

/* The soft limit that is up (LEDE_WATCH_WALL or LEDE_WATCH_CPU), or 0. One
 * atomic load: the count hook calls it often. */
int lede_watchdog_tripped(void);

/* "time limit reached (--max-seconds 5)" and the like, for the tripped
 * limit (a static buffer). */
const char *lede_watchdog_reason(int which);

/* Seconds on the monotonic clock (for per-rule time budgets). */
double lede_monotonic(void);

#endif
