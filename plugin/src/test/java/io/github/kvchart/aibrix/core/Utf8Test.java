package io.github.kvchart.aibrix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quick path answers exactly as the JDK's strict decoder: the same text, or an error. */
class Utf8Test {
  @Test
  void wellFormedTextIsReadAsItIs() throws Exception {
    for (String text :
        new String[] {
          "", "apiVersion: v1\n", "name: \u00e9t\u00e9 \u4e2d \ud83d\ude80", "\ufffd"
        }) {
      assertEquals(text, Utf8.decode(text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void malformedBytesAreAnError() {
    byte[][] malformed = {
      {(byte) 0xC3, 0x28}, // a lead byte without its continuation
      {(byte) 0x80}, // a lone continuation byte
      {'a', (byte) 0xE2, (byte) 0x82}, // cut short
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
      {(byte) 0xC0, (byte) 0xAF}, // overlong
      {(byte) 0xFF}
    };
    for (byte[] bytes : malformed) {
      assertThrows(CharacterCodingException.class, () -> Utf8.decode(bytes));
    }
  }

  @Test
  void agreesWithTheStrictDecoderOnRandomBytes() throws Exception {
    Random random = new Random(7);
    byte[] alphabet = {
      'a',
      ' ',
      '\n',
      (byte) 0xC3,
      (byte) 0xA9,
      (byte) 0xE2,
      (byte) 0x82,
      (byte) 0xAC,
      (byte) 0xED,
      (byte) 0xA0,
      (byte) 0xEF,
      (byte) 0xBF,
      (byte) 0xBD,
      (byte) 0xF0,
      (byte) 0x9F,
      (byte) 0x80,
      (byte) 0xC0,
      (byte) 0xFF
    };
    for (int i = 0; i < 50_000; i++) {
      byte[] bytes = new byte[random.nextInt(8)];
      for (int b = 0; b < bytes.length; b++) {
        bytes[b] = alphabet[random.nextInt(alphabet.length)];
      }
      String strict;
      try {
        strict =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
      } catch (CharacterCodingException e) {
        assertThrows(CharacterCodingException.class, () -> Utf8.decode(bytes));
        continue;
      }
      assertEquals(strict, Utf8.decode(bytes));
    }
  }
}
