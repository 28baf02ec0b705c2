package dev.router4j.internal.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;

/**
 * The byte-pair encodings a {@link Tokenizer} counts with, and which one a model family uses.
 *
 * <p>Each encoding's vocabulary (a few megabytes) is loaded the first time it is used, once per
 * JVM: the holder-class idiom makes the load lazy and thread-safe without locks on the hot path.
 */
public enum TokenizerEncoding {
  /** {@code o200k_base}: GPT-4o, GPT-4.1, GPT-5, o-series; the proxy for every other family. */
  O200K_BASE("o200k_base"),
  /** {@code cl100k_base}: GPT-4 (not 4o / 4.1 / 4.5), GPT-3.5 and the OpenAI embeddings. */
  CL100K_BASE("cl100k_base");

  private final String encodingName;

  TokenizerEncoding(String encodingName) {
    this.encodingName = encodingName;
  }

  /** The encoding's tiktoken name, for example {@code o200k_base}. */
  public String encodingName() {
    return encodingName;
  }

  /** The jtokkit encoding, loaded on first use. */
  Encoding encoding() {
    return this == O200K_BASE ? O200k.ENCODING : Cl100k.ENCODING;
  }

  /**
   * The encoding for a model slug ({@code openai/gpt-4}, {@code gpt-3.5-turbo},
   * {@code anthropic/claude-sonnet-4.5:floor}...): {@link #CL100K_BASE} for the GPT-4 and
   * GPT-3.5 families (but not GPT-4o, GPT-4.1 or GPT-4.5, which use o200k) and the
   * {@code text-embedding-ada-002} / {@code text-embedding-3} models; {@link #O200K_BASE}
   * for everything else. Other vendors' tokenizers are not public, so o200k stands in for them
   * as a proxy: counts for those models are estimates.
   */
  public static TokenizerEncoding forModel(String model) {
    if (model == null) {
      return O200K_BASE;
    }
    String m = model.toLowerCase(Locale.ROOT).strip();
    int slash = m.lastIndexOf('/');
    if (slash >= 0) {
      m = m.substring(slash + 1);
    }
    int colon = m.indexOf(':');
    if (colon >= 0) {
      m = m.substring(0, colon);
    }
    if (m.startsWith("gpt-3.5") || m.startsWith("gpt-35")
        || m.startsWith("text-embedding-ada") || m.startsWith("text-embedding-3")) {
      return CL100K_BASE;
    }
    if (m.startsWith("gpt-4")) {
      String rest = m.substring("gpt-4".length());
      return rest.startsWith("o") || rest.startsWith(".") ? O200K_BASE : CL100K_BASE;
    }
    return O200K_BASE;
  }

  private static final class O200k {
    static final Encoding ENCODING = load(EncodingType.O200K_BASE);
  }

  private static final class Cl100k {
    static final Encoding ENCODING = load(EncodingType.CL100K_BASE);
  }

  /** One lazy registry per encoding, so that two holders never share a registry's state. */
  private static Encoding load(EncodingType type) {
    EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
    return registry.getEncoding(type);
  }
}
