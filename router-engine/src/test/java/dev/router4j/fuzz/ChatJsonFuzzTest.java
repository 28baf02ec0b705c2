package dev.router4j.fuzz;

import dev.router4j.api.testing.FuzzGuard;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.json.ChatJson;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the OpenRouter-compatible JSON codec: requests, responses, stream chunks and plain
 * trees. Reading gives a value or the codec's typed error naming the JSON path; whatever was
 * read writes back out, and what was written reads back to the same JSON (writing is a fixed
 * point after one round trip).
 */
class ChatJsonFuzzTest {

  private static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  @FuzzTest(maxDuration = "5m")
  void request(byte[] data) {
    FuzzGuard.run(data, () -> {
      ChatRequest r = ChatJson.readRequest(text(data));
      String once = ChatJson.writeRequest(r);
      String twice = ChatJson.writeRequest(ChatJson.readRequest(once));
      assertThat(twice).isEqualTo(once);
      assertThat(r.toString()).isNotNull();
    });
  }

  @FuzzTest(maxDuration = "5m")
  void response(byte[] data) {
    FuzzGuard.run(data, () -> {
      ChatResponse r = ChatJson.readResponse(text(data));
      String once = ChatJson.writeResponse(r);
      String twice = ChatJson.writeResponse(ChatJson.readResponse(once));
      assertThat(twice).isEqualTo(once);
      r.text();
    });
  }

  @FuzzTest(maxDuration = "5m")
  void chunk(byte[] data) {
    FuzzGuard.run(data, () -> {
      ChatChunk c = ChatJson.readChunk(text(data));
      String once = ChatJson.writeChunk(c);
      String twice = ChatJson.writeChunk(ChatJson.readChunk(once));
      assertThat(twice).isEqualTo(once);
      c.text();
    });
  }

  @FuzzTest(maxDuration = "5m")
  void tree(byte[] data) {
    FuzzGuard.run(data, () -> {
      Object tree = ChatJson.readTree(text(data));
      String once = ChatJson.writeTree(tree);
      assertThat(ChatJson.writeTree(ChatJson.readTree(once))).isEqualTo(once);
    });
  }
}
