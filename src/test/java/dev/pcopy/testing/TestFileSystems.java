package dev.pcopy.testing;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;

/** In-memory file systems for tests. */
public final class TestFileSystems {
  private TestFileSystems() {}

  /**
   * A Unix-like Jimfs with the {@code unix} attribute view, which {@code EntryAttributes} reads
   * ({@code unix:mode}); Jimfs reports the permission bits there, without the file-type bits.
   */
  public static FileSystem unix() {
    return Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setAttributeViews("basic", "owner", "posix", "unix")
        .build());
  }
}
