package dev.router4j.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.error.MalformedResponseException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Documents that cannot be read fail with the JSON path of the problem. */
class ChatJsonMalformedTest {

  private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";

  private static String req(String members) {
    return "{\"model\":\"openai/gpt-4o\",\"messages\":[" + USER + "]" + members + "}";
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("unknown content part type",
            "{\"model\":\"m\",\"messages\":[" + USER + "," + USER + ",{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"video_url\",\"video_url\":{\"url\":\"https://x\"}}]}]}",
            "$.messages[2].content[0].type", "unknown content part type \"video_url\""),
        Arguments.of("content part type missing, after other members",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                + "{\"text\":\"b\"}]}]}",
            "$.messages[0].content[1].type", "is required"),
        Arguments.of("temperature out of range (model validation)", req(",\"temperature\":2.5"),
            "$.temperature", "must be between 0 and 2"),
        Arguments.of("unknown sort key", req(",\"provider\":{\"sort\":{\"by\":\"cheapest\"}}"),
            "$.provider.sort.by", "expected price, throughput, latency or exacto"),
        Arguments.of("unknown sort string", req(",\"provider\":{\"sort\":\"fastest\"}"),
            "$.provider.sort", "unknown sort \"fastest\""),
        Arguments.of("tool without a name (model validation)",
            req(",\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"x\"}}]"),
            "$.tools[0].function.name", "is required"),
        Arguments.of("blank tool name in the second tool",
            req(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\" \"}}]"),
            "$.tools[1].function.name", "must not be blank"),
        Arguments.of("unknown role",
            "{\"messages\":[" + USER + ",{\"role\":\"bot\",\"content\":\"x\"}]}",
            "$.messages[1].role", "unknown role \"bot\""),
        Arguments.of("missing role", "{\"messages\":[{\"content\":\"x\"}]}",
            "$.messages[0].role", "is required"),
        Arguments.of("max_tokens beyond int", req(",\"max_tokens\":3000000000"),
            "$.max_tokens", "expected an integer from -2147483648 to 2147483647, was 3000000000"),
        Arguments.of("top_k not an integer", req(",\"top_k\":4.5"),
            "$.top_k", "expected an integer"),
        Arguments.of("top_p of the wrong type", req(",\"top_p\":\"0.9\""),
            "$.top_p", "expected a number, was a string"),
        Arguments.of("tool message without tool_call_id (model validation)",
            "{\"messages\":[" + USER + ",{\"role\":\"tool\",\"content\":\"42\"}]}",
            "$.messages[1].tool_call_id", "must name the tool call"),
        Arguments.of("image in a system message (model validation)",
            "{\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://x/a.png\"}}]}]}",
            "$.messages[0].content", "may hold only text parts"),
        Arguments.of("bad image detail (model validation)",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x\",\"detail\":\"ultra\"}}]}]}",
            "$.messages[0].content[1].image_url.detail", "must be auto, low or high"),
        Arguments.of("image part without image_url",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
            "$.messages[0].content[0].image_url", "is required for a part of type image_url"),
        Arguments.of("file part without data or id (model validation)",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":"
                + "{\"filename\":\"a.pdf\"}}]}]}",
            "$.messages[0].content[0].file", "needs file_data or file_id"),
        Arguments.of("bad cache ttl (model validation)",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\","
                + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"2h\"}}]}]}",
            "$.messages[0].content[0].cache_control.ttl", "must be \"5m\" or \"1h\""),
        Arguments.of("unknown quantization",
            req(",\"provider\":{\"quantizations\":[\"fp8\",\"fp2\"]}"),
            "$.provider.quantizations[1]", "unknown quantization \"fp2\""),
        Arguments.of("unknown data_collection",
            req(",\"provider\":{\"data_collection\":\"maybe\"}"),
            "$.provider.data_collection", "expected allow or deny"),
        Arguments.of("negative max price (model validation)",
            req(",\"provider\":{\"max_price\":{\"prompt\":1,\"completion\":-0.5}}"),
            "$.provider.max_price.completion", "must not be negative"),
        Arguments.of("negative percentile cutoff (model validation)",
            req(",\"provider\":{\"preferred_max_latency\":{\"p50\":1,\"p90\":-3}}"),
            "$.provider.preferred_max_latency.p90", "must not be negative"),
        Arguments.of("negative scalar cutoff", req(",\"provider\":{\"preferred_min_throughput\":-1}"),
            "$.provider.preferred_min_throughput", "must not be negative"),
        Arguments.of("json_schema without a name (model validation)",
            req(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{}}}"),
            "$.response_format.json_schema.name", "is required"),
        Arguments.of("unknown response_format type",
            req(",\"response_format\":{\"type\":\"xml\"}"),
            "$.response_format.type", "expected text, json_object or json_schema"),
        Arguments.of("effort and max_tokens both (model validation)",
            req(",\"reasoning\":{\"effort\":\"high\",\"max_tokens\":100}"),
            "$.reasoning", "give effort or max_tokens, not both"),
        Arguments.of("unknown effort", req(",\"reasoning\":{\"effort\":\"extreme\"}"),
            "$.reasoning.effort", "unknown effort \"extreme\""),
        Arguments.of("unknown reasoning_effort", req(",\"reasoning_effort\":\"turbo\""),
            "$.reasoning_effort", "unknown effort \"turbo\""),
        Arguments.of("too many stop sequences (model validation)",
            req(",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]"), "$.stop", "at most 4"),
        Arguments.of("stop element of the wrong type", req(",\"stop\":[\"a\",5]"),
            "$.stop[1]", "expected a string, was a number"),
        Arguments.of("logit bias out of range (model validation)",
            req(",\"logit_bias\":{\"50256\":150}"), "$.logit_bias.50256",
            "must be between -100 and 100"),
        Arguments.of("unknown tool_choice", req(",\"tool_choice\":\"any\""),
            "$.tool_choice", "unknown tool_choice \"any\""),
        Arguments.of("tool_choice object without function name",
            req(",\"tool_choice\":{\"type\":\"function\",\"function\":{}}"),
            "$.tool_choice.function.name", "is required"),
        Arguments.of("tool_choice naming an absent tool (model validation)",
            req(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"b\"}}"),
            "$.tool_choice", "names function 'b'"),
        Arguments.of("tool type that is not function",
            req(",\"tools\":[{\"type\":\"retrieval\",\"function\":{\"name\":\"a\"}}]"),
            "$.tools[0].type", "unknown tool type \"retrieval\""),
        Arguments.of("plugin without id (model validation)",
            req(",\"plugins\":[{\"id\":\"web\"},{\"max_results\":3}]"), "$.plugins[1].id",
            "is required"),
        Arguments.of("no messages and no prompt (model validation)", "{\"model\":\"m\"}",
            "$.messages", "must hold at least one message"),
        Arguments.of("message that is not an object", "{\"messages\":[" + USER + ",\"hi\"]}",
            "$.messages[1]", "expected an object, was a string"),
        Arguments.of("tool call without id in an assistant message",
            "{\"messages\":[" + USER + ",{\"role\":\"assistant\",\"tool_calls\":[{\"type\":"
                + "\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]}",
            "$.messages[1].tool_calls[0].id", "is required"),
        Arguments.of("session id too long (model validation)",
            req(",\"session_id\":\"" + "x".repeat(257) + "\""), "$.session_id", "at most 256"),
        Arguments.of("broken JSON: unterminated", "{\"model\":\"m\",\"messages\":[" + USER,
            "$.messages[1]", "ends too early"),
        Arguments.of("broken JSON: bad token", "{\"model\":\"m\",\"temperature\":tru}",
            "$.temperature", "malformed JSON"),
        Arguments.of("trailing content", req("") + " {}", "$", "malformed JSON"),
        Arguments.of("not an object", "[1,2]", "$", "expected an object, was an array"),
        Arguments.of("empty document", "", "$", "ends too early"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badRequestNamesThePath(String what, String json, String path, String message) {
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> ChatJson.readRequest(json));
    assertThat(e).as(what).isNotNull();
    assertThat(e.field()).as(what + ": " + e.getMessage()).isEqualTo(path);
    assertThat(e.getMessage()).as(what).startsWith(path + ": ").contains(message);
  }

  static Stream<Arguments> badResponses() {
    return Stream.of(
        Arguments.of("choice without message",
            "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"a\"}},"
                + "{\"index\":1,\"finish_reason\":\"stop\"}]}",
            "$.choices[1].message", "is required"),
        Arguments.of("tool call without id (model validation)",
            "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"tool_calls\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}",
            "$.choices[0].message.tool_calls[0].id", "is required"),
        Arguments.of("usage count of the wrong type",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":\"12\"}}", "$.usage.prompt_tokens",
            "expected an integer, was a string"),
        Arguments.of("usage details count out of range",
            "{\"choices\":[],\"usage\":{\"completion_tokens_details\":{\"reasoning_tokens\":1e12}}}",
            "$.usage.completion_tokens_details.reasoning_tokens", "expected an integer"),
        Arguments.of("created with a fraction", "{\"created\":1.5,\"choices\":[]}", "$.created",
            "expected an integer"),
        Arguments.of("content of the wrong type",
            "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":42}}]}",
            "$.choices[0].message.content", "expected a string or an array of content parts"),
        Arguments.of("reasoning detail without type (model validation)",
            "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"reasoning_details\":"
                + "[{\"type\":\"reasoning.text\",\"text\":\"a\"},{\"text\":\"b\"}]}}]}",
            "$.choices[0].message.reasoning_details[1].type", "is required"),
        Arguments.of("truncated response", "{\"id\":\"x\",\"choices\":[{\"index\":0,",
            "$.choices[0].index", "ends too early"),
        Arguments.of("not JSON at all", "<html>502 Bad Gateway</html>", "$", "malformed JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badResponses")
  void badResponseNamesThePath(String what, String json, String path, String message) {
    MalformedResponseException e =
        catchThrowableOfType(MalformedResponseException.class, () -> ChatJson.readResponse(json));
    assertThat(e).as(what).isNotNull();
    assertThat(e.path()).as(what + ": " + e.getMessage()).isEqualTo(path);
    assertThat(e.getMessage()).as(what).contains(message).endsWith(" at " + path);
  }

  static Stream<Arguments> badChunks() {
    return Stream.of(
        Arguments.of("unknown delta role",
            "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"robot\",\"content\":\"\"}}]}",
            "$.choices[0].delta.role", "unknown role \"robot\""),
        Arguments.of("tool call fragment index of the wrong type",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0},{\"index\":\"1\"}]}}]}",
            "$.choices[0].delta.tool_calls[1].index", "expected an integer, was a string"),
        Arguments.of("annotation without type (model validation)",
            "{\"choices\":[{\"delta\":{\"annotations\":[{\"url_citation\":{\"url\":\"u\"}}]}}]}",
            "$.choices[0].delta.annotations[0].type", "is required"),
        Arguments.of("error message of the wrong type",
            "{\"error\":{\"code\":500,\"message\":{\"text\":\"x\"}},\"choices\":[]}",
            "$.error.message", "expected a string, was an object"),
        Arguments.of("choices not an array", "{\"choices\":{}}", "$.choices",
            "expected an array, was an object"),
        Arguments.of("[DONE] sentinel", "[DONE]", "$", "expected an object, was an array"),
        Arguments.of("truncated chunk", "{\"choices\":[{\"delta\":{\"content\":\"Hel",
            "$.choices[0].delta.content", "malformed JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badChunks")
  void badChunkNamesThePath(String what, String json, String path, String message) {
    MalformedResponseException e =
        catchThrowableOfType(MalformedResponseException.class, () -> ChatJson.readChunk(json));
    assertThat(e).as(what).isNotNull();
    assertThat(e.path()).as(what + ": " + e.getMessage()).isEqualTo(path);
    assertThat(e.getMessage()).as(what).contains(message);
  }

  @Test
  void deepNestingFailsCleanly() {
    String json = req(",\"x\":" + "[".repeat(300) + "]".repeat(300));
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> ChatJson.readRequest(json));
    assertThat(e.field()).startsWith("$.x[0][0]");
    assertThat(e.getMessage()).contains("Nesting too deep");
  }

  @Test
  void nullDocumentIsReportedNotThrownAsNpe() {
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> ChatJson.readRequest((String) null)).field()).isEqualTo("$");
    assertThat(catchThrowableOfType(MalformedResponseException.class,
        () -> ChatJson.readChunk((String) null)).path()).isEqualTo("$");
  }

  @Test
  void malformedTreeNamesThePath() {
    MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
        () -> ChatJson.readTree("{\"a\":[1,2,}"));
    assertThat(e.path()).isEqualTo("$.a[2]");
  }
}
