/*
 * watchdog.c — wall-clock and CPU limits for a script (see watchdog.h).
 *
 * One thread, started by the first lede_watchdog_arm(), sleeps on a
 * condition variable while nothing is watched and wakes every 50 ms while
 * something is. It only reads clocks, stores an atomic flag and, at the
 * hard limit, write()s a prepared message and calls _exit(): nothing it
 * does depends on the state of the thread running the script.
 */
#include "watchdog.h"
#include "host.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define TICK_NS 50000000L      /* how often the limits are looked at */

static atomic_int g_tripped;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cond;
static int g_started;
static const void *g_owner;            /* the watched state, NULL: none */
static double g_wall, g_cpu;           /* limits, seconds (0: none) */
static double g_t0, g_cpu0;            /* clocks when the script started */
static char g_what[512];               /* the script, for the messages */
/* the SIGXCPU handler may only write(): its message is made beforehand */
static char g_xcpu_msg[1024];
static struct rlimit g_old_rl;
static int g_rl_set;

static double ts_sec(const struct timespec *ts)
{
    return (double)ts->tv_sec + (double)ts->tv_nsec / 1e9;
}

double lede_monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts_sec(&ts);
}

static double cpu_now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return 0;
    return ts_sec(&ts);
}

static double grace_of(double limit)
{
    return limit / 10 > 2 ? limit / 10 : 2;
}

static const char *option_of(int which)
{
    return which == LEDE_WATCH_CPU ? "--max-cpu-seconds" : "--max-seconds";
}

const char *lede_watchdog_reason(int which)
{
    static _Thread_local char msg[128];   /* -j workers trip at once */
    snprintf(msg, sizeof msg, "%s limit reached (%s %g)",
             which == LEDE_WATCH_CPU ? "CPU time" : "time", option_of(which),
             which == LEDE_WATCH_CPU ? g_cpu : g_wall);
    return msg;
}

int lede_watchdog_tripped(void)
{
    return atomic_load_explicit(&g_tripped, memory_order_relaxed);
}

static void hard_message(char *buf, size_t size, int which, double limit)
{
    snprintf(buf, size,
             "lede: %s: still running %g s past its %s limit (%s %g): stopped (exit %d); a loop "
             "in a __gc finalizer, one long C call (string.find on a pathological pattern) or "
             "a script that catches the limit's error cannot be stopped otherwise\n",
             g_what, grace_of(limit), which == LEDE_WATCH_CPU ? "CPU time" : "time",
             option_of(which), limit, LEDE_EXIT_KILLED);
}

static void write_all(const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(2, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        s += w;
        n -= (size_t)w;
    }
}

static void on_sigxcpu(int sig)
{
    (void)sig;
    write_all(g_xcpu_msg);
    _exit(LEDE_EXIT_KILLED);
}

/* Called with g_lock held, the script still running past a limit. */
static void hard_stop(int which, double limit)
{
    char msg[1024];
    hard_message(msg, sizeof msg, which, limit);
    write_all(msg);
    _exit(LEDE_EXIT_KILLED);
}

static void check(void)
{
    double wall = lede_monotonic() - g_t0, cpu = cpu_now() - g_cpu0;
    if (g_wall > 0 && wall >= g_wall) {
        int none = LEDE_WATCH_NONE;
        atomic_compare_exchange_strong(&g_tripped, &none, LEDE_WATCH_WALL);
        if (wall >= g_wall + grace_of(g_wall)) hard_stop(LEDE_WATCH_WALL, g_wall);
    }
    if (g_cpu > 0 && cpu >= g_cpu) {
        int none = LEDE_WATCH_NONE;
        atomic_compare_exchange_strong(&g_tripped, &none, LEDE_WATCH_CPU);
        if (cpu >= g_cpu + grace_of(g_cpu)) hard_stop(LEDE_WATCH_CPU, g_cpu);
    }
}

static void *watch_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_lock);
    for (;;) {
        if (!g_owner) {
            pthread_cond_wait(&g_cond, &g_lock);
            continue;
        }
        check();
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += TICK_NS;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g_cond, &g_lock, &ts);
    }
    return NULL;
}

static int start_thread(void)
{
    if (g_started) return 0;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&g_cond, &ca);
    pthread_condattr_destroy(&ca);
    /* the thread must not take signals meant for the script's thread */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t th;
    int rc = pthread_create(&th, NULL, watch_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) return -1;
    pthread_detach(th);
    g_started = 1;
    return 0;
}

/* The kernel's backstop: SIGXCPU a little after the watchdog's own hard
 * CPU limit (RLIMIT_CPU counts the process's CPU seconds since it began). */
static void set_cpu_rlimit(double cpu)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_CPU, &rl) != 0) return;
    double at = ceil(cpu_now() + cpu + grace_of(cpu) + 1);
    if (rl.rlim_max != RLIM_INFINITY && (rlim_t)at > rl.rlim_max) return;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur <= (rlim_t)at) return;   /* already lower */
    hard_message(g_xcpu_msg, sizeof g_xcpu_msg, LEDE_WATCH_CPU, cpu);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigxcpu;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGXCPU, &sa, NULL);
    g_old_rl = rl;
    rl.rlim_cur = (rlim_t)at;
    if (setrlimit(RLIMIT_CPU, &rl) == 0) g_rl_set = 1;
}

int lede_watchdog_arm(const void *owner, double wall, double cpu, const char *what)
{
    if (wall <= 0 && cpu <= 0) return 0;
    pthread_mutex_lock(&g_lock);
    if (start_thread() != 0) {
        pthread_mutex_unlock(&g_lock);
        return -1;
    }
    g_owner = owner;
    g_wall = wall > 0 ? wall : 0;
    g_cpu = cpu > 0 ? cpu : 0;
    g_t0 = lede_monotonic();
    g_cpu0 = cpu_now();
    snprintf(g_what, sizeof g_what, "%s", what ? what : "script");
    atomic_store(&g_tripped, LEDE_WATCH_NONE);
    if (g_cpu > 0) set_cpu_rlimit(g_cpu);
    pthread_cond_signal(&g_cond);
    pthread_mutex_unlock(&g_lock);
    return 0;
}

void lede_watchdog_disarm(const void *owner)
{
    pthread_mutex_lock(&g_lock);
    if (g_owner && g_owner == owner) {
        g_owner = NULL;
        atomic_store(&g_tripped, LEDE_WATCH_NONE);
        if (g_rl_set) {
            setrlimit(RLIMIT_CPU, &g_old_rl);
            g_rl_set = 0;
        }
    }
    pthread_mutex_unlock(&g_lock);
}
