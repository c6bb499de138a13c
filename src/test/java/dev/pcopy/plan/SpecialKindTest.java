package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The kind of a special file, from the file-type bits of {@code st_mode} as Linux sets them. */
class SpecialKindTest {

  @Test
  void of_namesEachKindByItsFileTypeBitsWhateverTheModeBits() {
    assertEquals(SpecialKind.FIFO, SpecialKind.of(0010644));
    assertEquals(SpecialKind.SOCKET, SpecialKind.of(0140755));
    assertEquals(SpecialKind.CHARACTER_DEVICE, SpecialKind.of(0020666));
    assertEquals(SpecialKind.BLOCK_DEVICE, SpecialKind.of(0060660));
    assertEquals(SpecialKind.BLOCK_DEVICE, SpecialKind.of(0067777));
  }

  @Test
  void of_typeBitsThatNameNoSpecialFile_areOther() {
    // A file system that gives no type bits (mode alone), or a type pcopy never calls special.
    assertEquals(SpecialKind.OTHER, SpecialKind.of(0644));
    assertEquals(SpecialKind.OTHER, SpecialKind.of(0100644));
  }

  @Test
  void description_isWhatTheWarningSays() {
    assertEquals("a FIFO", SpecialKind.FIFO.description());
    assertEquals("a socket", SpecialKind.SOCKET.description());
    assertEquals("a character device", SpecialKind.CHARACTER_DEVICE.description());
    assertEquals("a block device", SpecialKind.BLOCK_DEVICE.description());
  }
}
