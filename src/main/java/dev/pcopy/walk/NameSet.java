package dev.pcopy.walk;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The names of one directory listing, for asking whether a name is among them. */
final class NameSet {
  private final Set<Key> names;

  NameSet(List<byte[]> listing) {
    names = new HashSet<>(listing.size() * 2);
    for (byte[] name : listing) {
      names.add(new Key(name));
    }
  }

  boolean contains(byte[] name) {
    return names.contains(new Key(name));
  }

  /** A name as a hash key: arrays compare by identity, names by content. */
  private static final class Key {
    private final byte[] bytes;
    private final int hash;

    Key(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
