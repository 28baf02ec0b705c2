package dev.router4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.RouterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFormatTest {
  @TempDir Path dir;

  private Path write(String name, String json) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  private static final String ENDPOINT_HEAD = """
      {"data": [
        {"id": "acme/one", "context_length": 1000, "pricing": {"prompt": "0", "completion": "0"}},
        {"id": "acme/two", "context_length": 1000, "endpoints": [
          {"tag": "acme", "context_length": 1000, "pricing": {"prompt": "0.000001", "completion": "0.000002"}},
      """;

  @Test
  void aPriceThatIsNotADecimalNamesFileAndPath() throws IOException {
    Path file = write("bad-price.json", ENDPOINT_HEAD + """
          {"tag": "other", "context_length": 1000, "pricing": {"prompt": "0.000001", "completion": "two dollars"}}
        ]}]}
        """);
    assertThatThrownBy(() -> Catalog.load(file))
        .isInstanceOf(CatalogFormatException.class)
        .isInstanceOf(RouterException.class)
        .hasMessage(file + ": $.data[1].endpoints[1].pricing.completion: expected a decimal price"
            + " such as \"0.000002\", was \"two dollars\"")
        .satisfies(t -> {
          CatalogFormatException e = (CatalogFormatException) t;
          assertThat(e.source()).isEqualTo(file.toString());
          assertThat(e.path()).isEqualTo("$.data[1].endpoints[1].pricing.completion");
          assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
        });
  }

  @Test
  void aNegativePriceIsRefused() throws IOException {
    Path file = write("negative.json", ENDPOINT_HEAD + """
          {"tag": "other", "context_length": 1000, "pricing": {"prompt": "-0.5", "completion": "0"}}
        ]}]}
        """);
    assertThatThrownBy(() -> Catalog.load(file))
        .hasMessage(file + ": $.data[1].endpoints[1].pricing.prompt: must not be negative, was -0.5");
  }

  @Test
  void aValueOfTheWrongTypeNamesItsPath() throws IOException {
    Path file = write("type.json", ENDPOINT_HEAD + """
          {"tag": "other", "context_length": "long", "pricing": {"prompt": "0", "completion": "0"}}
        ]}]}
        """);
    assertThatThrownBy(() -> Catalog.load(file))
        .hasMessage(file + ": $.data[1].endpoints[1].context_length: expected an integer, was \"long\"");

    Path params = write("params.json", """
        {"data": [{"id": "acme/x", "context_length": 10, "supported_parameters": "tools",
                   "pricing": {"prompt": "0", "completion": "0"}}]}
        """);
    assertThatThrownBy(() -> Catalog.load(params))
        .hasMessage(params + ": $.data[0].supported_parameters: expected an array, was a string");
  }

  @Test
  void missingFieldsAreNamed() throws IOException {
    Path noId = write("no-id.json", """
        {"data": [{"name": "nameless", "pricing": {"prompt": "0", "completion": "0"}}]}
        """);
    assertThatThrownBy(() -> Catalog.load(noId)).hasMessage(noId + ": $.data[0].id: is required");

    Path noCompletion = write("no-completion.json", ENDPOINT_HEAD + """
          {"tag": "other", "context_length": 1000, "pricing": {"prompt": "0"}}
        ]}]}
        """);
    assertThatThrownBy(() -> Catalog.load(noCompletion))
        .hasMessage(noCompletion + ": $.data[1].endpoints[1].pricing.completion: is required");

    Path noContext = write("no-context.json", """
        {"data": {"id": "acme/x", "endpoints": [
          {"tag": "acme", "pricing": {"prompt": "0", "completion": "0"}}]}}
        """);
    assertThatThrownBy(() -> Catalog.load(noContext))
        .hasMessage(noContext + ": $.data.endpoints[0].context_length: is required");

    Path zeroContext = write("zero-context.json", """
        {"data": {"id": "acme/x", "endpoints": [
          {"tag": "acme", "context_length": 0, "pricing": {"prompt": "0", "completion": "0"}}]}}
        """);
    assertThatThrownBy(() -> Catalog.load(zeroContext))
        .hasMessage(zeroContext + ": $.data.endpoints[0].context_length: must be at least 1, was 0");
  }

  @Test
  void malformedJsonNamesWhereItBroke() throws IOException {
    Path file = write("syntax.json", """
        {"data": [{"id": "acme/x", "context_length": 10 "pricing": {}}]}
        """);
    assertThatThrownBy(() -> Catalog.load(file))
        .isInstanceOf(CatalogFormatException.class)
        .hasMessageStartingWith(file + ": $.data[0].context_length: malformed JSON: ");

    Path trailing = write("trailing.json", "{\"data\": []} {}");
    assertThatThrownBy(() -> Catalog.load(trailing))
        .isInstanceOf(CatalogFormatException.class)
        .hasMessageContaining(trailing.toString());
  }

  @Test
  void aDocumentOfAnotherShapeIsRefused() throws IOException {
    Path noData = write("no-data.json", "{\"models\": []}");
    assertThatThrownBy(() -> Catalog.load(noData)).hasMessage(
        noData + ": $: no \"data\" field: not an OpenRouter models or endpoints document");
    Path string = write("string.json", "\"catalog\"");
    assertThatThrownBy(() -> Catalog.load(string)).hasMessage(
        string + ": $: expected a JSON object with a \"data\" field, was a string");
    Path badDate = write("date.json", "{\"prices_taken\": \"last week\", \"data\": []}");
    assertThatThrownBy(() -> Catalog.load(badDate)).hasMessage(badDate
        + ": $.prices_taken: expected a date such as \"2025-11-30\", was \"last week\"");
  }

  @Test
  void aContradictoryDataPolicyIsRefused() throws IOException {
    Path file = write("policy.json", """
        {"data": {"id": "acme/x", "endpoints": [
          {"tag": "acme", "context_length": 10, "pricing": {"prompt": "0", "completion": "0"},
           "data_policy": {"zdr": true, "training": true}}]}}
        """);
    assertThatThrownBy(() -> Catalog.load(file)).hasMessage(
        file + ": $.data.endpoints[0].data_policy: zdr is true but the endpoint retains or trains"
            + " on prompts");
  }

  @Test
  void unknownQuantizationsReadAsUnknownAndUnknownFieldsAreIgnored() throws IOException {
    Path file = write("lenient.json", """
        {"data": {"id": "acme/x", "future_field": {"a": [1, 2]}, "endpoints": [
          {"tag": "acme", "context_length": 10, "quantization": "int3",
           "pricing": {"prompt": "0", "completion": "0", "discount": 0, "audio": "0.00001"},
           "something_new": true},
          {"tag": "acme/fast", "context_length": 10, "quantization": "FP8",
           "pricing": {"prompt": "0", "completion": "0"}}]}}
        """);
    Catalog c = Catalog.load(file);
    assertThat(c.endpoint("acme:acme/x").quantization())
        .isEqualTo(dev.router4j.api.routing.Quantization.UNKNOWN);
    assertThat(c.endpoint("acme/fast:acme/x").quantization())
        .isEqualTo(dev.router4j.api.routing.Quantization.FP8);
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> Catalog.load(dir.resolve("absent.json")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("absent.json");
  }
}
