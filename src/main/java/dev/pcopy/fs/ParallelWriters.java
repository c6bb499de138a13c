package dev.pcopy.fs;

import java.util.Set;

/**
 * Whether several writers into one file go faster than one, by the kind of file system
 * ({@code statfs} type). On a local file system they do not: buffered writes to one file queue
 * on its inode lock, and tmpfs allocates its pages under that lock, so two workers filling one
 * file took 1.5 times as long as one on tmpfs and as long on ext4 (measured:
 * docs/performance.md, "One big file"). Network and parallel file systems are where one
 * stream per file leaves bandwidth unused, as the peers that split files (rclone, dcp, DistCp)
 * are built for.
 */
public final class ParallelWriters {
  private static final Set<Long> NETWORK_OR_PARALLEL = Set.of(
      0x6969L, // NFS
      0x517BL, // SMB
      0xFF534D42L, // CIFS
      0xFE534D42L, // SMB2
      0x00C36400L, // Ceph
      0x0BD00BD0L, // Lustre
      0x47504653L, // GPFS
      0x19830326L, // BeeGFS
      0x65735546L, // FUSE (GlusterFS, CephFS-fuse, object gateways)
      0x01021997L, // 9P
      0x5346414FL, // AFS
      0x7461636FL, // OCFS2
      0x01161970L); // GFS2

  private ParallelWriters() {}

  /** Whether writers on the file system of type {@code statfsType} gain from writing at once. */
  public static boolean gain(long statfsType) {
    return NETWORK_OR_PARALLEL.contains(statfsType);
  }
}
