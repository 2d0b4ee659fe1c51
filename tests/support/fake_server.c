/* fake_server.c: spawning and querying tests/fake_provider.py. */
#include "tests/support/fake_server.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct tu_fake {
    pid_t pid;
    int stdin_fd;       /* Our end of the server's stdin; closing it stops the server. */
    char url[64];
};

/* Reads the first line the server prints (its port), waiting up to 10 s. */
static int read_port(int fd)
{
    char line[32];
    size_t n = 0;

    while (n < sizeof(line) - 1) {
        struct pollfd p = { fd, POLLIN, 0 };
        ssize_t r;

        if (poll(&p, 1, 10000) <= 0)
            return -1;
        r = read(fd, line + n, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        if (line[n] == '\n')
            break;
        n++;
    }
    line[n] = '\0';
    return atoi(line);
}

tu_fake *tu_fake_start(const char *source_dir, unsigned delay_ms)
{
    int in[2], out[2], port;
    char script[4096], delay[32];
    tu_fake *s;

    if (snprintf(script, sizeof(script), "%s/tests/fake_provider.py", source_dir) >=
        (int)sizeof(script))
        return NULL;
    snprintf(delay, sizeof(delay), "%u", delay_ms);
    /* Close-on-exec, so that servers started later (or any other child)
     * do not inherit our end of this server's stdin and keep it alive. */
    if (pipe2(in, O_CLOEXEC) != 0)
        return NULL;
    if (pipe2(out, O_CLOEXEC) != 0) {
        close(in[0]);
        close(in[1]);
        return NULL;
    }
    s = calloc(1, sizeof(*s));
    if (s == NULL)
        goto fail;
    s->pid = fork();
    if (s->pid < 0)
        goto fail;
    if (s->pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        execl("/usr/bin/python3", "python3", script, "--delay-ms", delay, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    s->stdin_fd = in[1];
    port = read_port(out[0]);
    close(out[0]);
    if (port <= 0) {
        tu_fake_stop(s);
        return NULL;
    }
    snprintf(s->url, sizeof(s->url), "http://127.0.0.1:%d", port);
    return s;
fail:
    free(s);
    close(in[0]);
    close(in[1]);
    close(out[0]);
    close(out[1]);
    return NULL;
}

const char *tu_fake_url(const tu_fake *s)
{
    return s->url;
}

static size_t collect(char *data, size_t size, size_t nmemb, void *arg)
{
    char *buf = arg;
    size_t have = strlen(buf), n = size * nmemb;

    if (have + n >= 64)
        n = 63 - have;
    memcpy(buf + have, data, n);
    buf[have + n] = '\0';
    return size * nmemb;
}

static long query(const tu_fake *s, const char *what, const char *key, long n)
{
    CURL *c = curl_easy_init();
    char *esc, *url = NULL, body[64] = "";
    long status = 0, result = -1;

    if (c == NULL)
        return -1;
    esc = curl_easy_escape(c, key, 0);
    if (esc != NULL && asprintf(&url, "%s/%s?key=%s&n=%ld", s->url, what, esc, n) > 0) {
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_PROXY, "");
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 15000L);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
        if (curl_easy_perform(c) == CURLE_OK &&
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status == 200)
            result = strtol(body, NULL, 10);
    }
    free(url);
    curl_free(esc);
    curl_easy_cleanup(c);
    return result;
}

long tu_fake_count(const tu_fake *s, const char *key)
{
    return query(s, "__count", key, 0);
}

long tu_fake_wait(const tu_fake *s, const char *key, long n)
{
    return query(s, "__wait", key, n);
}

long tu_fake_answered(const tu_fake *s, const char *key, long n)
{
    return query(s, "__answered", key, n);
}

void tu_fake_stop(tu_fake *s)
{
    if (s == NULL)
        return;
    close(s->stdin_fd);
    if (s->pid > 0)
        while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    free(s);
}
