package io.github.kvchart.aibrix.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: every input file is read through here, and malformed bytes are an error. */
public final class Utf8 {
  private Utf8() {}

  /**
   * The text {@code bytes} encode, or an exception if they are not well-formed UTF-8. The JDK's
   * lenient decoding (one copy, no decoder or char buffer) is tried first: it writes U+FFFD for
   * every malformed sequence, so a text without U+FFFD was well-formed; only a text with one is
   * decoded again, strictly, which fails or returns the same text.
   */
  public static String decode(byte[] bytes) throws CharacterCodingException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text;
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
