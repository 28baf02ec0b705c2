package dev.router4j.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.error.ProviderException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Checks that an exception holds no secret anywhere a caller or a log could see it. */
public final class NoSecrets {
  /**
   * A key of no shape the generic redaction knows: only the adapter's removal of the exact
   * secret it sent keeps it out of messages.
   */
  public static final String UNSHAPED_KEY = "Tq.unshaped-Secret-4471-Zeta";

  /** Keys of other shapes (Groq, xAI, Perplexity, Azure hex) that are not the call's key. */
  public static final String[] LOOKALIKES = {
    "gsk_Lookalike0123456789abcdefGHIJ",
    "xai-Lookalike0123456789abcdefGHIJ",
    "pplx-Lookalike0123456789abcdefGHIJ",
    "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    "9a8b7c6d5e4f30211203f4e5d6c7b8a9",
  };

  private NoSecrets() {}

  /**
   * A provider's error message that echoes {@code key} and every lookalike: bare, in an
   * {@code api-key:} header echo (Azure) and after the word "key".
   */
  public static String echo(String key) {
    return "Incorrect API key provided: " + key + ". Also seen: " + LOOKALIKES[0] + ", "
        + LOOKALIKES[1] + ", " + LOOKALIKES[2] + "; api-key: " + LOOKALIKES[3]
        + "; subscription key " + LOOKALIKES[4] + " is not valid";
  }

  /** The key and every lookalike. */
  public static String[] all(String key) {
    String[] all = new String[LOOKALIKES.length + 1];
    all[0] = key;
    System.arraycopy(LOOKALIKES, 0, all, 1, LOOKALIKES.length);
    return all;
  }

  /** The exception as a log shows it: its stack trace with every cause, and its string. */
  public static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out + " " + t;
  }

  /**
   * Asserts that none of the texts is in the exception's message, string, provider fields
   * (message, type, code, request id) or stack trace, nor in any cause's.
   */
  public static void assertNoneIn(Throwable e, String... secrets) {
    assertThat(e).as("an exception").isNotNull();
    int depth = 0;
    for (Throwable t = e; t != null; t = t.getCause(), depth++) {
      String where = "cause " + depth + " (" + t.getClass().getSimpleName() + ")";
      assertThat(String.valueOf(t.getMessage())).as(where + " message").doesNotContain(secrets);
      assertThat(t.toString()).as(where + " toString").doesNotContain(secrets);
      if (t instanceof ProviderException p) {
        assertThat(String.valueOf(p.providerMessage())).as(where + " providerMessage")
            .doesNotContain(secrets);
        assertThat(String.valueOf(p.providerType())).as(where + " providerType")
            .doesNotContain(secrets);
        assertThat(String.valueOf(p.providerCode())).as(where + " providerCode")
            .doesNotContain(secrets);
        assertThat(String.valueOf(p.requestId())).as(where + " requestId")
            .doesNotContain(secrets);
      }
    }
    assertThat(everything(e)).as("the stack trace").doesNotContain(secrets);
  }
}
