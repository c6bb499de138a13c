package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pcopy.fs.Stat;
import dev.pcopy.testing.Stats;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AclModesTest {
  /**
   * {@code user::rw-, user:1234:rwx, group::r--, mask::r-x, other::---} as the kernel stores
   * it (getfattr -e hex -n system.posix_acl_access), on a file whose mode shows 0650.
   */
  private static final byte[] MASK_WIDER_THAN_GROUP = HexFormat.of().parseHex(
      "02000000" + "01000600ffffffff" + "02000700d2040000" + "04000400ffffffff"
      + "10000500ffffffff" + "20000000ffffffff");

  @Test
  void withoutAcl_groupBitsAreTheOwningGroupsEntryLimitedByTheMask() {
    Stat stat = Stats.file(10).mode(04650).build();

    assertEquals(04640, AclModes.withoutAcl(stat, MASK_WIDER_THAN_GROUP).mode());
  }

  @Test
  void withoutAcl_aMaskNarrowerThanTheGroupEntry_limitsIt() {
    // group::rwx, mask::r--
    byte[] acl = HexFormat.of().parseHex("02000000" + "01000700ffffffff" + "02000700d2040000"
        + "04000700ffffffff" + "10000400ffffffff" + "20000500ffffffff");
    Stat stat = Stats.directory().mode(0745).build();

    assertEquals(0745, AclModes.withoutAcl(stat, acl).mode());
  }

  @Test
  void withoutAcl_noAclOrOneWithoutAMaskOrUnreadable_leavesTheStatAlone() {
    Stat stat = Stats.file(10).mode(0650).build();
    byte[] minimal = HexFormat.of().parseHex("02000000" + "01000600ffffffff"
        + "04000500ffffffff" + "20000000ffffffff");

    assertSame(stat, AclModes.withoutAcl(stat, null));
    assertSame(stat, AclModes.withoutAcl(stat, minimal));
    assertSame(stat, AclModes.withoutAcl(stat, new byte[] {1, 2, 3}));
    assertSame(stat, AclModes.withoutAcl(stat, HexFormat.of().parseHex("03000000"
        + "04000400ffffffff" + "10000500ffffffff")));
  }
}
