package dev.router4j.providers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one-pass clean-up of error bodies: what it keeps of a page, and that it stays linear. */
class ErrorTextTest {

  private static String page(String body) {
    return ErrorText.excerpt("<html>" + body);
  }

  @Test
  void scriptsStylesCommentsAndTagsBecomeSpacesWhateverTheirCase() {
    assertThat(page("<HEAD><Style type=x>p{}</STYLE ><SCRIPT>a < b && c > d</script\n></HEAD>"
        + "<!-- note --><B>Bad</B> Gateway")).isEqualTo("Bad Gateway");
  }

  @Test
  void aScriptEndsAtItsFirstClosingTag() {
    assertThat(page("<script>one</script>two<script>three</script>four")).isEqualTo("two four");
  }

  @Test
  void anElementWhoseNameOnlyStartsLikeScriptIsAnOrdinaryTag() {
    assertThat(page("<scripts>kept</scripts> <styles>too</styles>")).isEqualTo("kept too");
  }

  @Test
  void openingsThatNeverCloseAreKeptAsText() {
    assertThat(page("<p>one</p><script>two")).isEqualTo("one two");
    assertThat(page("a<!-- b")).isEqualTo("a<!-- b");
    assertThat(page("x > y < z")).isEqualTo("x > y < z");
  }

  @Test
  void entitiesAreDecodedOnceAndUnknownOnesKept() {
    assertThat(page("a&nbsp;&lt;b&gt; &quot;c&quot; &#39;d&#x27; &apos;e&apos; &amp;lt; &copy;"))
        .isEqualTo("a <b> \"c\" 'd' 'e' &lt; &copy;");
  }

  @Test
  void aBodyThatIsNotHtmlKeepsItsAngleBrackets() {
    assertThat(ErrorText.excerpt("upstream said <b>no</b>")).isEqualTo("upstream said <b>no</b>");
    assertThat(ErrorText.looksLikeHtml("  \n<!DOCTYPE html><p>x")).isTrue();
    assertThat(ErrorText.looksLikeHtml("error: see <HTML> below")).isTrue();
    assertThat(ErrorText.looksLikeHtml("error " + " ".repeat(600) + "<html>")).isFalse();
  }

  @Test
  void controlsAndRunsOfWhiteSpaceBecomeOneSpace() {
    assertThat(ErrorText.clean(" a\u0001\u0002 \t\n b\u2028c\r\n\u000Bd  ", 100))
        .isEqualTo("a b c d");
    assertThat(ErrorText.clean("a b c", 100)).isEqualTo("a b c");
    assertThat(ErrorText.clean(" \t\u0000 ", 100)).isNull();
  }

  /** A 64 KiB page made of one opening repeated, never closed (or closed at the very end). */
  @ParameterizedTest
  @ValueSource(strings = {"<", "<!--", "<script>", "<style>", "<script></", "<script></scrip",
      "<!-", "&", "&amp", "</script", "<a <!-- ", "<script><!--"})
  void aHostilePageIsCleanedInLinearTime(String piece) {
    String body = "<html>" + piece.repeat(64 * 1024 / piece.length());
    String excerpt = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> ErrorText.excerpt(body));
    assertThat(excerpt == null ? "" : excerpt).hasSizeLessThanOrEqualTo(ErrorText.MAX_EXCERPT);
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> ErrorText.excerpt(body + ">"));
  }

  @Test
  void redactionSkipsTheRegularExpressionsOnlyWhereNoneCouldMatch() {
    // Texts made of pieces near and far from every key shape: skipping the patterns must
    // never change what redaction gives.
    String[] pieces = {"sk-", "SK-", "Sk", "aIzA", "gsk_", "xai-", "PPLX-", "bearer ", "Basic ",
        "key", "KEY", "ke", "y", "api-", "api_", "x-goog-", "authorization", "Authoriz", "token=",
        "ToKeN=", "token", "?", "&", "=", ": ", "\"", "'", "0123456789abcdef",
        "0123456789ABCDEF0123456789abcdef", "AbCdEf012345", " ", "\n", "é", "The server is busy",
        "-", "_", ".", "/", "+"};
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    int skipped = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(1, 9); k > 0; k--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      assertThat(ErrorText.redact(t)).as(t).isEqualTo(ErrorText.redactWithPatterns(t));
      if (!ErrorText.mayHoldSecret(t)) {
        skipped++;
      }
    }
    assertThat(skipped).as("texts that skipped the patterns").isGreaterThan(1_000);
    assertThat(ErrorText.mayHoldSecret("The server is overloaded or not ready yet.")).isFalse();
    assertThat(ErrorText.mayHoldSecret("server_error")).isFalse();
    assertThat(ErrorText.redact("use sK-AbCdEf0123456789 here")).isEqualTo("use [redacted] here");
    assertThat(ErrorText.redact("x-API-KEY: abc123")).isEqualTo("x-API-KEY: [redacted]");
  }
}
