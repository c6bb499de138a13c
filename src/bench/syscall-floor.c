/*
 * syscall-floor: the fastest a copier that keeps pcopy's per-file contract can go on this
 * machine, without any JVM. For every regular file of SRC it makes the system calls a pcopy
 * worker makes (open the source, create a temporary file with the source's mode, copy with
 * copy_file_range, set the times, rename the temporary file over the final name), after an
 * lstat of each entry as the walker does. With --plain it does what cp -a does instead: write
 * the final name directly, no temporary name and no rename.
 *
 * Threads split the top-level directories' files between them (a file goes to thread
 * hash(path) % N), which is an upper bound on what N workers can do.
 *
 *   cc -O2 -pthread -o syscall-floor src/bench/syscall-floor.c
 *   ./syscall-floor [--plain] [--threads N] SRC DST
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int plain;
static int threads = 1;
static char **files_src, **files_dst;
static size_t nfiles, capfiles;

static void die(const char *what, const char *path) {
  fprintf(stderr, "syscall-floor: %s %s: %s\n", what, path, strerror(errno));
  exit(1);
}

static void add_file(const char *src, const char *dst) {
  if (nfiles == capfiles) {
    capfiles = capfiles ? capfiles * 2 : 1024;
    files_src = realloc(files_src, capfiles * sizeof(char *));
    files_dst = realloc(files_dst, capfiles * sizeof(char *));
  }
  files_src[nfiles] = strdup(src);
  files_dst[nfiles] = strdup(dst);
  nfiles++;
}

/* The walk: lstat every entry, mkdir every directory (as pcopy's walker does). */
static void walk(const char *src, const char *dst) {
  DIR *d = opendir(src);
  if (!d) die("opendir", src);
  struct dirent *e;
  char s[4096], t[4096];
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    snprintf(s, sizeof s, "%s/%s", src, e->d_name);
    snprintf(t, sizeof t, "%s/%s", dst, e->d_name);
    struct stat st;
    if (lstat(s, &st)) die("lstat", s);
    if (S_ISDIR(st.st_mode)) {
      if (mkdir(t, 0700) && errno != EEXIST) die("mkdir", t);
      walk(s, t);
    } else if (S_ISREG(st.st_mode)) {
      add_file(s, t);
    }
  }
  closedir(d);
}

static void copy_one(const char *src, const char *dst, long seq) {
  char tmp[4096];
  int in = open(src, O_RDONLY | O_NOFOLLOW);
  if (in < 0) die("open", src);
  struct stat st;
  if (fstat(in, &st)) die("fstat", src);
  const char *name = dst;
  if (!plain) {
    const char *slash = strrchr(dst, '/');
    snprintf(tmp, sizeof tmp, "%.*s/.floor-%ld.tmp", (int) (slash - dst), dst, seq);
    name = tmp;
  }
  int out = open(name, O_WRONLY | O_CREAT | O_EXCL, st.st_mode & 07777);
  if (out < 0) die("create", name);
  off_t left = st.st_size;
  while (left > 0) {
    ssize_t n = copy_file_range(in, NULL, out, NULL, left, 0);
    if (n <= 0) die("copy_file_range", src);
    left -= n;
  }
  struct timespec times[2] = {st.st_atim, st.st_mtim};
  if (futimens(out, times)) die("futimens", name);
  close(out);
  close(in);
  if (!plain && rename(tmp, dst)) die("rename", tmp);
}

static void *worker(void *arg) {
  long id = (long) arg;
  for (size_t i = id; i < nfiles; i += threads) copy_one(files_src[i], files_dst[i], (long) i);
  return NULL;
}

int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (!strcmp(argv[i], "--plain")) plain = 1;
    else if (!strcmp(argv[i], "--threads") && i + 1 < argc) threads = atoi(argv[++i]);
    else { fprintf(stderr, "usage: syscall-floor [--plain] [--threads N] SRC DST\n"); return 2; }
  }
  if (argc - i != 2 || threads < 1) {
    fprintf(stderr, "usage: syscall-floor [--plain] [--threads N] SRC DST\n");
    return 2;
  }
  if (mkdir(argv[i + 1], 0755) && errno != EEXIST) die("mkdir", argv[i + 1]);
  walk(argv[i], argv[i + 1]);
  pthread_t t[256];
  for (long k = 0; k < threads && k < 256; k++) pthread_create(&t[k], NULL, worker, (void *) k);
  for (long k = 0; k < threads && k < 256; k++) pthread_join(t[k], NULL);
  return 0;
}
