package dev.router4j.internal.routing;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Role;
import java.util.Locale;
import java.util.regex.Pattern;

/** Says what kind of task a request is, from its content alone: cheap and deterministic. */
public final class TaskClassifier {
  /** The kinds of task the built-in auto router tells apart. */
  public enum Task {
    /** The request holds images. */
    VISION,
    /** The request offers tools. */
    TOOLS,
    /** The prompt is long (over 32k estimated tokens). */
    LONG_CONTEXT,
    /** Programming: code blocks, stack traces, language and API vocabulary. */
    CODE,
    /** Mathematics: equations, proofs, arithmetic. */
    MATH,
    /** Everything else. */
    CHAT
  }

  static final int LONG_PROMPT_TOKENS = 32_000;
  private static final Pattern CODE = Pattern.compile(
      "```|\\b(def|class|function|public static|import|return|const|let|var|SELECT|FROM)\\b"
          + "|\\b(java|python|javascript|typescript|rust|golang|kotlin|sql|regex|compile|stack ?trace"
          + "|exception|refactor|unit test|bug|debug)\\b|[a-zA-Z_]+\\([^)]*\\)\\s*[{;]",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MATH = Pattern.compile(
      "\\b(prove|proof|theorem|lemma|integral|derivative|equation|solve for|matrix|eigen"
          + "|probability|calculate|compute the|sum of|prime)\\b|\\d+\\s*[-+*/^=]\\s*\\d+|[∑∫√π≤≥]",
      Pattern.CASE_INSENSITIVE);

  private TaskClassifier() {}

  /** The task, given the request and its estimated prompt tokens. */
  public static Task classify(ChatRequest r, int promptTokens) {
    for (Message m : r.messages()) {
      if (m.parts() != null) {
        for (ContentPart p : m.parts()) {
          if (p instanceof ContentPart.Image) {
            return Task.VISION;
          }
        }
      }
    }
    if (!r.tools().isEmpty()) {
      return Task.TOOLS;
    }
    if (promptTokens > LONG_PROMPT_TOKENS) {
      return Task.LONG_CONTEXT;
    }
    String text = lastUser(r).toLowerCase(Locale.ROOT);
    int code = count(CODE, text);
    int math = count(MATH, text);
    if (code == 0 && math == 0) {
      return Task.CHAT;
    }
    return code >= math ? Task.CODE : Task.MATH;
  }

  private static int count(Pattern p, String text) {
    var m = p.matcher(text);
    int n = 0;
    while (m.find() && n < 10) {
      n++;
    }
    return n;
  }

  private static String lastUser(ChatRequest r) {
    for (int i = r.messages().size() - 1; i >= 0; i--) {
      Message m = r.messages().get(i);
      if (m.role() == Role.USER) {
        String t = m.text();
        return t.length() > 20_000 ? t.substring(0, 20_000) : t;
      }
    }
    return r.prompt() == null ? "" : r.prompt();
  }
}
