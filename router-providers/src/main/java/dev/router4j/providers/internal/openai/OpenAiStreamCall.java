package dev.router4j.providers.internal.openai;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Delta;
import dev.router4j.api.ToolCallDelta;
import dev.router4j.api.error.StreamInterruptedException;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.internal.http.ProviderHttp;
import dev.router4j.providers.internal.http.SseEvent;
import dev.router4j.providers.internal.http.SseStreamCall;
import java.util.List;
import okhttp3.Request;

/**
 * One streamed Chat Completions call: each {@code data:} event is one chunk; the lifecycle is
 * {@link SseStreamCall}'s.
 *
 * <ul>
 *   <li>The stream is complete only at {@code data: [DONE]}; an end before it is an
 *       interruption ({@link StreamInterruptedException} with the text so far), never a clean
 *       finish, even after a finish reason (the usage chunk comes after it).
 *   <li>Comment lines ({@code : keep-alive}, {@code : OPENROUTER PROCESSING}) and empty events
 *       are skipped; the {@code obfuscation} padding is dropped.
 *   <li>A data event with a top-level {@code error} is an in-band failure; output is content,
 *       reasoning, a refusal or a tool call.
 * </ul>
 */
final class OpenAiStreamCall extends SseStreamCall {
  private final OpenAiChunkReader chunks = new OpenAiChunkReader();
  private final StringBuilder partial = new StringBuilder();
  private boolean sawOutput;

  OpenAiStreamCall(ProviderHttp http, Request request, ProviderCall call, ChunkListener listener) {
    super(http, request, call, listener);
  }

  @Override
  protected ChatChunk decode(SseEvent event) {
    if (event.isDone()) {
      return null;
    }
    ChatChunk chunk = chunks.next(event.dataSource());
    note(chunk);
    return chunk;
  }

  @Override
  protected boolean endsStream(SseEvent event) {
    return event.isDone();
  }

  @Override
  protected boolean sawOutput() {
    return sawOutput;
  }

  @Override
  protected String partialText() {
    return partial.toString();
  }

  /** Keeps the first choice's text for a break, and whether any output has come. */
  private void note(ChatChunk chunk) {
    List<ChunkChoice> choices = chunk.choices();
    for (int i = 0; i < choices.size(); i++) {
      ChunkChoice choice = choices.get(i);
      Delta d = choice.delta();
      if (choice.index() == 0 && d.content() != null) {
        partial.append(d.content());
      }
      if (!sawOutput) {
        sawOutput = notEmpty(d.content()) || notEmpty(d.reasoning()) || notEmpty(d.refusal())
            || !d.reasoningDetails().isEmpty() || hasCall(d);
      }
    }
  }

  private static boolean hasCall(Delta d) {
    List<ToolCallDelta> calls = d.toolCalls();
    for (int i = 0; i < calls.size(); i++) {
      ToolCallDelta t = calls.get(i);
      if (t.id() != null || t.name() != null || notEmpty(t.arguments())) {
        return true;
      }
    }
    return false;
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
