package dev.router4j.internal.tokens;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Tool;

/**
 * A fast, tokenizer-free estimate of a request's prompt tokens: about four characters a token
 * for text, a flat allowance per image and per message. Used where an upper-ish bound is
 * enough (context fit); exact counts come from the provider's usage.
 */
public final class TokenEstimator {
  private static final int PER_MESSAGE = 4;
  private static final int PER_IMAGE = 765;

  private TokenEstimator() {}

  /** The estimated prompt tokens of the request. */
  public static int promptTokens(ChatRequest r) {
    return count(r, 4);
  }

  /**
   * A cautious estimate for deciding whether the real tokenizer is needed: one token per
   * character. Text in scripts such as Chinese or Japanese takes about a token a character,
   * four times the usual estimate; byte-level tokenizers seldom give more than that.
   */
  public static int promptTokensAtMost(ChatRequest r) {
    return count(r, 1);
  }

  private static int count(ChatRequest r, int charsPerToken) {
    long chars = 0;
    long tokens = 3;
    for (Message m : r.messages()) {
      tokens += PER_MESSAGE;
      if (m.content() != null) {
        chars += m.content().length();
      } else if (m.parts() != null) {
        for (ContentPart p : m.parts()) {
          if (p instanceof ContentPart.Text t) {
            chars += t.text().length();
          } else if (p instanceof ContentPart.Image) {
            tokens += PER_IMAGE;
          } else if (p instanceof ContentPart.File f && f.fileData() != null) {
            chars += f.fileData().length() / 8; // base64 PDF: a rough share is text
          } else if (p instanceof ContentPart.Audio a) {
            chars += a.data().length() / 16;
          }
        }
      }
      for (var call : m.toolCalls()) {
        chars += call.name().length() + call.arguments().length();
      }
    }
    if (r.prompt() != null) {
      chars += r.prompt().length();
    }
    for (Tool t : r.tools()) {
      chars += t.name().length() + (t.description() == null ? 0 : t.description().length());
      String schema = t.parametersJson();
      chars += schema == null ? 0 : schema.length();
    }
    return (int) Math.min(Integer.MAX_VALUE, tokens + (chars + charsPerToken - 1) / charsPerToken);
  }
}
