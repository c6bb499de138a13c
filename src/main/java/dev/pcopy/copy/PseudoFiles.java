package dev.pcopy.copy;

import java.util.Set;

/**
 * The file systems whose files the kernel makes as they are read (sysfs, procfs and their
 * kind): such a file says 4096 bytes and holds one line, and its times are set when it is first
 * looked at. Their content is copied as read, as {@code cp} does, and never taken for a file
 * that changed while it was copied.
 */
final class PseudoFiles {
  private static final Set<Long> TYPES = Set.of(
      0x62656572L, // sysfs
      0x9fa0L, // proc
      0x64626720L, // debugfs
      0x74726163L, // tracefs
      0x73636673L, // securityfs
      0x62656570L, // configfs
      0x63677270L, // cgroup2
      0x27e0ebL, // cgroup
      0xcafe4a11L, // bpf
      0x6165676cL, // pstore
      0xde5e81e4L); // efivarfs

  private PseudoFiles() {}

  /** Whether a file system of {@code statfs} type {@code type} is one of these. */
  static boolean on(long type) {
    return TYPES.contains(type);
  }
}
