/* cli_signals.c: SIGINT and SIGTERM become a cancel of the running scan.
 *
 * DESIGN
 * Signal handlers may call almost nothing, and sc_cancel_fire takes locks.
 * So main() blocks SIGINT and SIGTERM before any thread exists (every thread
 * inherits the mask), and one thread reads them from a signalfd. The first
 * signal asks the engine for a graceful stop (no new input, flush what was
 * found); a second one aborts at once. An eventfd wakes the thread when the
 * scan is over, so it is joined like every other thread and never outlives
 * the scan. SIGPIPE is ignored: a closed stdout shows up as EPIPE on write,
 * which the engine handles as a quiet stop.
 */
#include "scanner/cli/cli.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

struct cli_signals {
    pthread_t thread;
    sc_engine *engine;  /* Immutable. */
    int sig_fd;         /* Read only by the thread. */
    int stop_fd;        /* eventfd: written by stop, read by the thread. */
    int received;       /* Written by the thread; read after join. */
};

static sigset_t handled_set(void)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

void cli_block_signals(void)
{
    sigset_t set = handled_set();

    signal(SIGPIPE, SIG_IGN);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void *signal_main(void *arg)
{
    cli_signals *s = arg;

    for (;;) {
        struct pollfd p[2] = { { s->sig_fd, POLLIN, 0 }, { s->stop_fd, POLLIN, 0 } };
        struct signalfd_siginfo info;

        if (poll(p, 2, -1) < 0)
            continue;
        if (p[1].revents)
            break;
        if (p[0].revents && read(s->sig_fd, &info, sizeof(info)) == (ssize_t)sizeof(info)) {
            if (++s->received == 1)
                sc_engine_cancel(s->engine);
            else
                sc_engine_abort(s->engine);
        }
    }
    return NULL;
}

cli_signals *cli_signals_start(sc_engine *e)
{
    cli_signals *s = calloc(1, sizeof(*s));
    sigset_t set = handled_set();

    if (s == NULL)
        return NULL;
    s->engine = e;
    s->sig_fd = signalfd(-1, &set, SFD_CLOEXEC);
    s->stop_fd = eventfd(0, EFD_CLOEXEC);
    if (s->sig_fd < 0 || s->stop_fd < 0 ||
        pthread_create(&s->thread, NULL, signal_main, s) != 0) {
        if (s->sig_fd >= 0)
            close(s->sig_fd);
        if (s->stop_fd >= 0)
            close(s->stop_fd);
        free(s);
        return NULL;
    }
    return s;
}

int cli_signals_stop(cli_signals *s)
{
    uint64_t one = 1;
    int received;

    if (s == NULL)
        return 0;
    while (write(s->stop_fd, &one, sizeof(one)) < 0)
        ;
    pthread_join(s->thread, NULL);
    close(s->sig_fd);
    close(s->stop_fd);
    received = s->received;
    free(s);
    return received;
}
