package dev.pcopy.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode parse(JsonLine line) throws Exception {
    return JSON.readTree(line.text());
  }

  @Test
  void text_escapesQuotesBackslashesAndControlCharacters_andStaysOneAsciiLine() throws Exception {
    String nasty = "a\"b\\c\nd\re\tf\u0001g\u007fh\u00e9i\u2028j\ud83d\ude00";
    JsonLine line = JsonLine.of("t").put("s", nasty);

    String text = line.text();
    assertFalse(text.contains("\n"));
    assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7f), text);
    assertEquals(nasty, parse(line).get("s").asText());
  }

  @Test
  void bytes_ofValidUtf8_isAPlainStringWithoutBase64() throws Exception {
    byte[] name = "dir/caf\u00e9 \u65e5\u672c".getBytes(StandardCharsets.UTF_8);
    JsonNode node = parse(JsonLine.of("t").bytes("path", name));

    assertEquals("dir/caf\u00e9 \u65e5\u672c", node.get("path").asText());
    assertFalse(node.has("path_base64"));
  }

  @Test
  void bytes_ofInvalidUtf8_keepsTheExactBytesInBase64_andShowsThemEscaped() throws Exception {
    byte[] name = {'b', 'a', 'd', (byte) 0xff, 'n', (byte) 0xc3};
    JsonNode node = parse(JsonLine.of("t").bytes("path", name));

    assertArrayEquals(name, Base64.getDecoder().decode(node.get("path_base64").asText()));
    assertEquals("bad\\xffn\\xc3", node.get("path").asText());
  }

  @Test
  void numbers_negativeOrNotFiniteDoubles_areNull_andLongsAndBooleansAreExact()
      throws Exception {
    JsonNode node = parse(JsonLine.of("t").put("eta", -1.0).put("nan", Double.NaN)
        .put("rate", 1.23456).put("big", Long.MAX_VALUE).put("yes", true).put("none",
            (String) null).put("list", List.of("x", "y\"")));

    assertTrue(node.get("eta").isNull());
    assertTrue(node.get("nan").isNull());
    assertEquals(1.235, node.get("rate").asDouble(), 1e-9);
    assertEquals(Long.MAX_VALUE, node.get("big").asLong());
    assertTrue(node.get("yes").asBoolean());
    assertTrue(node.get("none").isNull());
    assertEquals("y\"", node.get("list").get(1).asText());
    assertEquals("t", node.get("type").asText());
  }
}
