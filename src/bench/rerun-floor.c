/*
 * rerun-floor: the fastest a no-op re-run can go on this machine, without any JVM. It makes the
 * system calls that finding out "everything is up to date" takes, and nothing else: list every
 * source directory, lstat every source entry, lstat every target entry, and compare size and
 * modification time. pcopy's re-run (and rsync -a's) makes the same calls, plus its own work.
 *
 * Threads split the entries two levels below SRC between them (entry i goes to thread i % N),
 * which is an upper bound on what N threads can do. It exits 1 if any file differs, so it also checks
 * that DST is a complete copy.
 *
 *   cc -O2 -pthread -o rerun-floor src/bench/rerun-floor.c
 *   ./rerun-floor [--threads N] SRC DST
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int threads = 1;
static const char *src_root, *dst_root;
static char **tops;
static size_t ntops;

static void die(const char *what, const char *path) {
  fprintf(stderr, "rerun-floor: %s %s: %s\n", what, path, strerror(errno));
  exit(1);
}

static int same(const struct stat *a, const struct stat *b) {
  if ((a->st_mode & S_IFMT) != (b->st_mode & S_IFMT)) return 0;
  if (S_ISREG(a->st_mode)) {
    return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec
        && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
  }
  return 1;
}

/* Lists src, lstats each entry and its target, and goes down into directories. */
static long walk(const char *src, const char *dst) {
  long differ = 0;
  DIR *d = opendir(src);
  if (!d) die("opendir", src);
  struct dirent *e;
  char s[4096], t[4096];
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    snprintf(s, sizeof s, "%s/%s", src, e->d_name);
    snprintf(t, sizeof t, "%s/%s", dst, e->d_name);
    struct stat ss, ts;
    if (lstat(s, &ss)) die("lstat", s);
    if (lstat(t, &ts) || !same(&ss, &ts)) {
      differ++;
      continue;
    }
    if (S_ISDIR(ss.st_mode)) differ += walk(s, t);
  }
  closedir(d);
  return differ;
}

static void *run(void *arg) {
  long id = (long) arg, differ = 0;
  char s[4096], t[4096];
  for (size_t i = id; i < ntops; i += threads) {
    snprintf(s, sizeof s, "%s/%s", src_root, tops[i]);
    snprintf(t, sizeof t, "%s/%s", dst_root, tops[i]);
    struct stat ss, ts;
    if (lstat(s, &ss)) die("lstat", s);
    if (lstat(t, &ts) || !same(&ss, &ts)) {
      differ++;
    } else if (S_ISDIR(ss.st_mode)) {
      differ += walk(s, t);
    }
  }
  return (void *) differ;
}

static void add_top(const char *rel) {
  static size_t cap;
  if (ntops == cap) {
    cap = cap ? cap * 2 : 64;
    tops = realloc(tops, cap * sizeof(char *));
  }
  tops[ntops++] = strdup(rel);
}

/* Adds the entries `levels` below rel to tops; compares the directories on the way down. */
static void collect(const char *rel, int levels) {
  char s[4096], t[4096];
  snprintf(s, sizeof s, "%s/%s", src_root, rel);
  DIR *d = opendir(s);
  if (!d) die("opendir", s);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char r[4096];
    snprintf(r, sizeof r, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
    struct stat ss, ts;
    snprintf(s, sizeof s, "%s/%s", src_root, r);
    snprintf(t, sizeof t, "%s/%s", dst_root, r);
    if (levels > 1 && !lstat(s, &ss) && S_ISDIR(ss.st_mode) && !lstat(t, &ts) && same(&ss, &ts)) {
      collect(r, levels - 1);
    } else {
      add_top(r);
    }
  }
  closedir(d);
}

int main(int argc, char **argv) {
  int i = 1;
  if (i + 1 < argc && !strcmp(argv[i], "--threads")) {
    threads = atoi(argv[i + 1]);
    i += 2;
  }
  if (argc - i != 2 || threads < 1) {
    fprintf(stderr, "usage: rerun-floor [--threads N] SRC DST\n");
    return 2;
  }
  src_root = argv[i];
  dst_root = argv[i + 1];
  // The work is split two levels down, so that a tree with few top-level directories still
  // keeps every thread busy; the top level itself is compared here.
  collect("", 2);
  pthread_t tid[threads];
  for (long t = 0; t < threads; t++) pthread_create(&tid[t], NULL, run, (void *) t);
  long differ = 0;
  for (int t = 0; t < threads; t++) {
    void *r;
    pthread_join(tid[t], &r);
    differ += (long) r;
  }
  if (differ) {
    fprintf(stderr, "rerun-floor: %ld entries differ from their copies\n", differ);
    return 1;
  }
  return 0;
}
