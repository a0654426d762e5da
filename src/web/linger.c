/* linger.c — lingering close for connections refused on their headers. When a request is
 * answered before its body is read, libmicrohttpd sends the answer and closes the socket
 * with the body still unread; the kernel then resets the connection, and a client still
 * sending may lose the answer (a 401 or 413 becomes "connection reset"). Such a socket is
 * kept here instead (a dup of it, so libmicrohttpd's close does not reset it): its write
 * side is already shut, and one thread reads and discards what the client still sends, for
 * at most LINGER_SECONDS and LINGER_BYTES, then closes it. */
#include "web/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define LINGER_MAX     256 /* sockets lingering at once; more are closed at once */
#define LINGER_SECONDS 2.0
#define LINGER_BYTES   (8u << 20)

struct zx_web_linger {
    pthread_mutex_t mu;
    pthread_t th;
    int started, stop;
    int wake[2]; /* a pipe: wakes the thread for a new socket or the stop */
    int nmarked;
    int marked[LINGER_MAX]; /* fds answered early, not yet closed by libmicrohttpd */
    int n;
    struct {
        int fd;
        double deadline;
        size_t drained;
    } s[LINGER_MAX];
};

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *run(void *arg)
{
    struct zx_web_linger *l = arg;
    struct pollfd p[LINGER_MAX + 1];
    char buf[65536];
    for (;;) {
        pthread_mutex_lock(&l->mu);
        if (l->stop) {
            pthread_mutex_unlock(&l->mu);
            break;
        }
        int n = l->n;
        p[0].fd = l->wake[0];
        p[0].events = POLLIN;
        for (int i = 0; i < n; i++) {
            p[i + 1].fd = l->s[i].fd;
            p[i + 1].events = POLLIN;
            p[i + 1].revents = 0;
        }
        pthread_mutex_unlock(&l->mu);
        p[0].revents = 0;
        if (poll(p, (nfds_t)n + 1, n ? 100 : -1) < 0)
            continue;
        if (p[0].revents & POLLIN)
            while (read(l->wake[0], buf, sizeof buf) > 0) {
            }
        double now = mono();
        pthread_mutex_lock(&l->mu);
        /* only this thread removes entries and others only append, so the first n are the
         * ones polled; going down, a removal moves in an entry already seen or not polled */
        for (int i = n - 1; i >= 0; i--) {
            int done = now > l->s[i].deadline;
            if (!done && (p[i + 1].revents & (POLLIN | POLLHUP | POLLERR))) {
                ssize_t k = recv(l->s[i].fd, buf, sizeof buf, MSG_DONTWAIT);
                if (k == 0 || (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK) ||
                    (k > 0 && (l->s[i].drained += (size_t)k) > LINGER_BYTES))
                    done = 1;
            }
            if (done) {
                close(l->s[i].fd);
                l->s[i] = l->s[--l->n];
            }
        }
        pthread_mutex_unlock(&l->mu);
    }
    return NULL;
}

struct zx_web_linger *zx_web__linger_new(void)
{
    struct zx_web_linger *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    pthread_mutex_init(&l->mu, NULL);
    if (pipe2(l->wake, O_CLOEXEC | O_NONBLOCK)) {
        pthread_mutex_destroy(&l->mu);
        free(l);
        return NULL;
    }
    l->started = pthread_create(&l->th, NULL, run, l) == 0;
    return l;
}

void zx_web__linger_free(struct zx_web_linger *l)
{
    if (!l)
        return;
    pthread_mutex_lock(&l->mu);
    l->stop = 1;
    pthread_mutex_unlock(&l->mu);
    if (l->started) {
        (void)!write(l->wake[1], "x", 1);
        pthread_join(l->th, NULL);
    }
    for (int i = 0; i < l->n; i++)
        close(l->s[i].fd);
    close(l->wake[0]);
    close(l->wake[1]);
    pthread_mutex_destroy(&l->mu);
    free(l);
}

void zx_web__linger_mark(struct zx_web_linger *l, int fd)
{
    if (!l || fd < 0)
        return;
    pthread_mutex_lock(&l->mu);
    if (l->nmarked < LINGER_MAX) {
        l->marked[l->nmarked] = fd;
        /* atomic: zx_web__linger_closed reads it without the lock (make check-tsan) */
        __atomic_store_n(&l->nmarked, l->nmarked + 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&l->mu);
}

void zx_web__linger_closed(struct zx_web_linger *l, int fd)
{
    if (!l || fd < 0 || !__atomic_load_n(&l->nmarked, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&l->mu);
    for (int i = 0; i < l->nmarked; i++) {
        if (l->marked[i] != fd)
            continue;
        l->marked[i] = l->marked[l->nmarked - 1];
        __atomic_store_n(&l->nmarked, l->nmarked - 1, __ATOMIC_RELEASE);
        int d = l->started && l->n < LINGER_MAX ? fcntl(fd, F_DUPFD_CLOEXEC, 0) : -1;
        if (d >= 0) {
            shutdown(d, SHUT_WR); /* the answer is out; say so before draining */
            l->s[l->n].fd = d;
            l->s[l->n].deadline = mono() + LINGER_SECONDS;
            l->s[l->n].drained = 0;
            l->n++;
            (void)!write(l->wake[1], "x", 1);
        }
        break;
    }
    pthread_mutex_unlock(&l->mu);
}
