package dev.router4j.json;

import static dev.router4j.json.JsonAssert.assertSameJson;
import static dev.router4j.json.JsonAssert.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stored document survives read → write unchanged (structurally: member order ignored,
 * numbers by value; null members and empty lists count as absent), and the model survives
 * write → read.
 */
class ChatJsonRoundTripTest {

  static Stream<String> requests() {
    return files("json/requests");
  }

  static Stream<String> responses() {
    return files("json/responses");
  }

  static Stream<String> chunks() {
    return files("json/chunks");
  }

  private static Stream<String> files(String dir) {
    URL url = ChatJsonRoundTripTest.class.getClassLoader().getResource(dir);
    try (Stream<Path> s = Files.list(Paths.get(url.toURI()))) {
      List<String> names = s.map(p -> dir + "/" + p.getFileName()).sorted()
          .collect(Collectors.toList());
      return names.stream();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void thereAreEnoughFixtures() {
    assertThat(requests().count()).isGreaterThanOrEqualTo(10);
    assertThat(responses().count() + chunks().count()).isGreaterThanOrEqualTo(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void requestRoundTrips(String file) {
    String json = resource(file);
    ChatRequest request = ChatJson.readRequest(json);
    String written = ChatJson.writeRequest(request);
    assertSameJson(written, json, true);
    ChatRequest again = ChatJson.readRequest(written);
    assertThat(again).isEqualTo(request);
    assertThat(ChatJson.writeRequest(again)).isEqualTo(written);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void responseRoundTrips(String file) throws IOException {
    String json = resource(file);
    ChatResponse response = ChatJson.readResponse(json);
    String written = ChatJson.writeResponse(response);
    assertSameJson(written, json, true);
    ChatResponse again = ChatJson.readResponse(written);
    assertThat(again).isEqualTo(response);
    assertThat(ChatJson.readResponse(new Buffer().writeUtf8(json))).isEqualTo(response);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chunks")
  void chunkRoundTrips(String file) throws IOException {
    String json = resource(file);
    ChatChunk chunk = ChatJson.readChunk(json);
    String written = ChatJson.writeChunk(chunk);
    assertSameJson(written, json, true);
    assertThat(written).doesNotContain("\n");
    ChatChunk again = ChatJson.readChunk(written);
    assertThat(again).isEqualTo(chunk);
    assertThat(ChatJson.readChunk(new Buffer().writeUtf8(json))).isEqualTo(chunk);
  }
}
