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
}
