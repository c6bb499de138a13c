package dev.pcopy.job;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.plan.DirectoryFixes;
import dev.pcopy.plan.Meta;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lines a dry run lists and {@code -v} prints, one per thing done: what the old
 * {@code DryRunTest} checked of the listing (a mode fix listed as chmod, an owner fix as chown
 * before it, a stale file as a copy only, a single file named by SRC and where it goes,
 * leftovers named below DST as typed), now that the dry run prints the planner's actions.
 */
class ActionTextTest {
  private static final Meta META = new Meta(0644, -1, -1, new Timestamp(0, 0),
      new Timestamp(0, 0));
  private final Display tree = Display.ofTree("src", "dst");

  @Test
  void of_eachWrite_isOneLineBelowTheRoots() {
    assertEquals(List.of("mkdir sub"), ActionText.of(new MakeDirectory(b(""), b("sub")), tree));
    assertEquals(List.of("copy sub/a"),
        ActionText.of(new WriteFile(b("sub"), b("a"), b("a"), 1, 5, META, false), tree));
    assertEquals(List.of("link sub/l -> ../a"),
        ActionText.of(new WriteLink(b("sub"), b("l"), 1, b("../a"), META, false), tree));
    assertEquals(List.of("hardlink sub/b => a"),
        ActionText.of(new HardLink(b("sub"), b("b"), 1, Stat.Kind.FILE, b(""), b("a")), tree));
    assertEquals(List.of("mkfifo sub/p"), ActionText.of(special(Stat.Kind.FIFO, 0), tree));
    assertEquals(List.of("mksock sub/p"), ActionText.of(special(Stat.Kind.SOCKET, 0), tree));
    assertEquals(List.of("mknod sub/p c 8 1"),
        ActionText.of(special(Stat.Kind.CHAR_DEVICE, (8 << 8) | 1), tree));
    assertEquals(List.of("remove sub/.pcopy-x.tmp"),
        ActionText.of(new RemoveLeftover(b("sub"), b(".pcopy-x.tmp")), tree));
  }

  @Test
  void of_aFixOfTheRightContent_isListedAsChownBeforeChmod_andNothingElse() {
    assertEquals(List.of("chmod 755 f"), ActionText.of(fix(0755, -1, -1), tree));
    assertEquals(List.of("chown 1000:1000 f", "chmod 4755 f"),
        ActionText.of(fix(04755, 1000, 1000), tree));
    assertEquals(List.of("chown :50 f"), ActionText.of(fix(-1, -1, 50), tree));
  }

  @Test
  void of_anExistingDirectoryWithAnotherMode_isListedAsChmodWhenFinished() {
    DirectoryFixes ownerAndMode = new DirectoryFixes(true, true, false, false, false);
    FinishDirectory differs = new FinishDirectory(b(""), b("d"), new Meta(0750, 0, 0,
        META.atime(), META.mtime()), List.of(), true, ownerAndMode, 1);
    FinishDirectory same = new FinishDirectory(b(""), b("d"), META, List.of(),
        true, DirectoryFixes.NONE, 1);
    FinishDirectory top = new FinishDirectory(b(""), b(""), META, List.of(),
        true, new DirectoryFixes(false, true, false, false, false), 0);

    assertEquals(List.of("chown 0:0 d", "chmod 750 d"), ActionText.of(differs, tree));
    assertEquals(List.of(), ActionText.of(same, tree));
    assertEquals(List.of("chmod 644 ."), ActionText.of(top, tree));
  }

  @Test
  void of_anExistingDirectorysAttributesAndTimes_areListedAfterItsModeAndOwner() {
    FinishDirectory all = new FinishDirectory(b("a"), b("d"), new Meta(0644, 0, 0, META.atime(),
        META.mtime()), List.of(),
        true, new DirectoryFixes(true, true, true, true, true), 2);
    FinishDirectory top = new FinishDirectory(b(""), b(""), META, List.of(),
        true, new DirectoryFixes(false, false, false, true, true), 0);

    assertEquals(List.of("chown 0:0 a/d", "chmod 644 a/d", "setfacl a/d", "setfattr a/d",
        "touch a/d"), ActionText.of(all, tree));
    assertEquals(List.of("setfattr .", "touch ."), ActionText.of(top, tree));
  }

  @Test
  void of_skipsAndRefusals_haveNoLine() {
    assertEquals(List.of(), ActionText.of(new Skip(b(""), b("a"), 1), tree));
    assertEquals(List.of(), ActionText.of(new Refuse(b(""), b("a"), true, "Is a directory", 1,
        false), tree));
  }

  @Test
  void of_aSingleFile_isNamedBySrcAndWhereItGoes_andItsLeftoversBelowDstAsTyped() {
    Display intoDirectory = Display.ofFile("big.iso", "/mnt/usb/", b("big.iso"));
    Display named = Display.ofFile("big.iso", "usb/copy.iso", null);

    assertEquals(List.of("copy big.iso -> /mnt/usb/big.iso"),
        ActionText.of(new WriteFile(b(""), b("big.iso"), b("big.iso"), 1, 5, META, false),
            intoDirectory));
    assertEquals(List.of("copy big.iso -> usb/copy.iso"),
        ActionText.of(new WriteFile(b(""), b("copy.iso"), b("big.iso"), 1, 5, META, false), named));
    // A fix changes the copy only, so its line names the copy, never SRC.
    assertEquals(List.of("chown 0:0 usb/copy.iso", "chmod 755 usb/copy.iso"),
        ActionText.of(fix(0755, 0, 0), named));
    assertEquals(List.of("chmod 755 /mnt/usb/big.iso"),
        ActionText.of(fix(0755, -1, -1), intoDirectory));
    assertEquals(List.of("remove usb/.pcopy-x.tmp"),
        ActionText.of(new RemoveLeftover(b(""), b(".pcopy-x.tmp")), named));
    assertEquals(List.of("remove /mnt/usb/.pcopy-x.tmp"),
        ActionText.of(new RemoveLeftover(b(""), b(".pcopy-x.tmp")), intoDirectory));
  }

  @Test
  void of_namesThatAreNotPrintable_areEscapedToOneLine() {
    byte[] odd = {'a', '\n', (byte) 0xff};

    assertEquals(List.of("copy a\\n\\xff"),
        ActionText.of(new WriteFile(b(""), odd, odd, 1, 1, META, false), tree));
  }

  private static WriteSpecial special(Stat.Kind kind, long rdev) {
    return new WriteSpecial(b("sub"), b("p"), 1, kind, rdev, META, false);
  }

  private static FixMetadata fix(int mode, int uid, int gid) {
    return new FixMetadata(b(""), b("f"), b("f"), 1, Stat.Kind.FILE, mode, uid, gid, null, null,
        1, 1, 0, false);
  }
}
