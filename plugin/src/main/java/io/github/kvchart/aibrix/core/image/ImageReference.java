package io.github.kvchart.aibrix.core.image;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference split into repository, tag and digest, with the vLLM release the tag
 * names when it names one ({@code v0.11.0}, {@code 0.9.2}, {@code v0.10.1.1}, {@code
 * v0.9.0-cu128}).
 */
public record ImageReference(String repository, String tag, String digest) {
  private static final Pattern REFERENCE =
      Pattern.compile(
          "^(?<repo>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-zA-Z0-9]+(?:[._-][a-zA-Z0-9]+)*)*)"
              + "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
              + "(?:@(?<digest>[a-z0-9]+:[a-fA-F0-9]{32,}))?$");
  private static final Pattern RELEASE =
      Pattern.compile("^v?([0-9]+(?:\\.[0-9]+){1,3})(?:[-+].*)?$");

  /** Parses {@code image}, or returns null when it is not a valid reference. */
  public static ImageReference parse(String image) {
    if (image == null) {
      return null;
    }
    Matcher matcher = REFERENCE.matcher(image);
    if (!matcher.matches()) {
      return null;
    }
    return new ImageReference(matcher.group("repo"), matcher.group("tag"), matcher.group("digest"));
  }

  /** The release the tag names, if it names one; empty for latest, digests and custom tags. */
  public Optional<Version> version() {
    if (tag == null) {
      return Optional.empty();
    }
    Matcher matcher = RELEASE.matcher(tag);
    return matcher.matches() ? Optional.of(Version.parse(matcher.group(1))) : Optional.empty();
  }
}
