package dev.router4j.providers.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.Annotation;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Choice;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.ReasoningDetail;
import dev.router4j.api.Role;
import dev.router4j.api.ToolCall;
import dev.router4j.api.Usage;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.error.MalformedResponseException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The reply reader builds its values from lists and trees it hands over without a copy: each
 * must still equal what the public builders give for the same reply, and be unmodifiable.
 */
class OpenAiResponseReaderTest {

  private static ChatResponse read(String json) {
    return OpenAiResponseReader.read(new Buffer().writeUtf8(json));
  }

  private static ChatResponse read(String json, String provider) {
    return new OpenAiResponseReader(OpenAiDialect.OPENAI, provider)
        .decode(new Buffer().writeUtf8(json));
  }

  private static Map<String, Object> object(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static BigDecimal n(String v) {
    return new BigDecimal(v);
  }

  private static final String FULL = "{\"id\":\"gen-1\",\"object\":\"chat.completion\","
      + "\"created\":1700000000,\"model\":\"m/x\",\"provider\":\"Host\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\",\"refusal\":\"no\",\"tool_calls\":["
      + "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
      + "{\"id\":\"c2\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":{\"a\":1}}}],"
      + "\"reasoning\":\"because\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"t\","
      + "\"index\":0,\"x\":1}],\"annotations\":[{\"type\":\"url_citation\",\"url_citation\":{\"url\":"
      + "\"https://a.example\",\"title\":\"A\",\"start_index\":0,\"end_index\":2}}],\"name\":\"bot\","
      + "\"audio\":{\"id\":\"a1\"},\"reasoning_content\":\"ignored\"},\"logprobs\":{\"content\":"
      + "[{\"token\":\"hi\",\"logprob\":-0.1}]},\"finish_reason\":\"length\","
      + "\"native_finish_reason\":\"MAX_TOKENS\",\"seed\":7},{\"index\":1,\"message\":{\"content\":"
      + "\"two\"},\"finish_reason\":\"end_turn\"}],\"system_fingerprint\":\"fp\",\"usage\":{"
      + "\"prompt_tokens\":10,\"completion_tokens\":500,\"total_tokens\":510,"
      + "\"prompt_tokens_details\":{\"cached_tokens\":2,\"cache_write_tokens\":1,\"audio_tokens\":0,"
      + "\"other\":9},\"completion_tokens_details\":{\"reasoning_tokens\":300,\"image_tokens\":4,"
      + "\"audio_tokens\":0,\"accepted_prediction_tokens\":1,\"rejected_prediction_tokens\":0},"
      + "\"cost\":0.0012,\"is_byok\":false,\"cost_details\":{\"upstream_inference_cost\":0.001},"
      + "\"server_tool_use\":{\"web_search_requests\":1}},\"service_tier\":\"default\","
      + "\"extra_list\":[1,{\"b\":null}],\"zeta\":true}";

  @Test
  void aReplyWithEveryMemberEqualsTheOneTheBuildersMake() {
    Message first = Message.builder(Role.ASSISTANT).content("hi").refusal("no").name("bot")
        .toolCalls(List.of(new ToolCall("c1", "f", "{}"), new ToolCall("c2", "g", "{\"a\":1}")))
        .reasoning("because")
        .reasoningDetails(List.of(new ReasoningDetail("reasoning.text", "t", null, null, null,
            null, null, 0, object("x", n("1")))))
        .annotations(List.of(new Annotation("url_citation", "https://a.example", "A", null, 0, 2,
            null)))
        .extra(object("audio", object("id", "a1")))
        .build();
    Usage usage = Usage.builder().promptTokens(10).completionTokens(500).totalTokens(510)
        .cachedTokens(2).cacheWriteTokens(1).promptAudioTokens(0).reasoningTokens(300)
        .completionImageTokens(4).completionAudioTokens(0).acceptedPredictionTokens(1)
        .rejectedPredictionTokens(0).cost(n("0.0012")).isByok(false)
        .costDetails(object("upstream_inference_cost", n("0.001")))
        .extra(object("server_tool_use", object("web_search_requests", n("1"))))
        .build();
    List<Object> extraList = new ArrayList<>();
    extraList.add(n("1"));
    extraList.add(object("b", null));
    ChatResponse expected = ChatResponse.builder().id("gen-1").object("chat.completion")
        .created(1700000000L).model("m/x").provider("Host").systemFingerprint("fp").usage(usage)
        .choices(List.of(
            new Choice(0, first, FinishReason.LENGTH, "MAX_TOKENS",
                object("content", List.of(object("token", "hi", "logprob", n("-0.1")))),
                object("seed", n("7"))),
            new Choice(1, Message.assistant("two"), FinishReason.STOP, "end_turn", null, null)))
        .extra(object("service_tier", "default", "extra_list", extraList, "zeta", true))
        .build();

    ChatResponse read = read(FULL, "fallback");

    assertThat(read).isEqualTo(expected);
    assertThat(read.hashCode()).isEqualTo(expected.hashCode());
    assertThat(read.toString()).isEqualTo(expected.toString()); // the same order everywhere
    assertThat(read.extra().keySet()).containsExactly("service_tier", "extra_list", "zeta");
    assertThat(read.provider()).isEqualTo("Host"); // the reply's own, not the fallback
    assertUnmodifiable(read);
  }

  @Test
  void aReplyWithNoOptionalMemberEqualsTheOneTheBuildersMake() {
    ChatResponse expected = ChatResponse.builder()
        .choice(new Choice(0, Message.builder(Role.ASSISTANT).build(), null, null, null, null))
        .build();

    ChatResponse read = read("{\"choices\":[{\"message\":{}}]}");

    assertThat(read).isEqualTo(expected);
    assertThat(read.hashCode()).isEqualTo(expected.hashCode());
    assertThat(read.provider()).isNull();
    assertThat(read.usage()).isNull();
    Message m = read.message();
    assertThat(m.toolCalls()).isEmpty();
    assertThat(m.reasoningDetails()).isEmpty();
    assertThat(m.annotations()).isEmpty();
    assertThat(m.extra()).isEmpty();
    assertThat(read.choices().get(0).extra()).isEmpty();
    assertThat(read.extra()).isEmpty();
    assertUnmodifiable(read);
  }

  @Test
  void nullsAndEmptyArraysReadAsAbsentMembers() {
    String json = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"The Rh\u00f4ne\","
        + "\"refusal\":null,\"tool_calls\":null,\"reasoning_details\":[],\"annotations\":[]},"
        + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":14,"
        + "\"completion_tokens\":17,\"total_tokens\":31,\"prompt_tokens_details\":null,"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0}},\"system_fingerprint\":null}";
    ChatResponse expected = ChatResponse.builder().id("c").object("chat.completion").created(1L)
        .model("m").provider("primary")
        .choice(new Choice(0, Message.assistant("The Rh\u00f4ne"), FinishReason.STOP, "stop", null,
            null))
        .usage(Usage.builder().promptTokens(14).completionTokens(17).totalTokens(31)
            .reasoningTokens(0).build())
        .build();

    ChatResponse read = read(json, "primary");

    assertThat(read).isEqualTo(expected);
    assertThat(read.provider()).isEqualTo("primary"); // the reply names none
    assertUnmodifiable(read);
  }

  @Test
  void rolesAndFinishReasonsAreTheSameHoweverTheyAreWritten() {
    ChatResponse read = read("{\"choices\":["
        + "{\"message\":{\"role\":\"assist\\u0061nt\"},\"finish_reason\":\"\\u006cength\"},"
        + "{\"message\":{\"role\":null},\"finish_reason\":\"tool_use\"},"
        + "{\"message\":{\"role\":\"assistant\"},\"finish_reason\":\"tool_calls\","
        + "\"native_finish_reason\":\"function_call\"},"
        + "{\"message\":{\"role\":\"user\"},\"finish_reason\":null}]}");

    List<Choice> c = read.choices();
    assertThat(c).extracting(x -> x.message().role())
        .containsExactly(Role.ASSISTANT, Role.ASSISTANT, Role.ASSISTANT, Role.USER);
    assertThat(c).extracting(Choice::finishReason).containsExactly(
        FinishReason.LENGTH, FinishReason.TOOL_CALLS, FinishReason.TOOL_CALLS, null);
    assertThat(c).extracting(Choice::nativeFinishReason)
        .containsExactly("length", "tool_use", "function_call", null);
    assertThatThrownBy(() -> read("{\"choices\":[{\"message\":{\"role\":\"robot\"}}]}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("robot");
  }

  @Test
  void theObjectTypeIsReadWhateverItIs() {
    assertThat(read("{\"object\":\"chat.completion\",\"choices\":[{\"message\":{}}]}").object())
        .isEqualTo("chat.completion");
    assertThat(read("{\"object\":\"chat.completion.x\",\"choices\":[{\"message\":{}}]}").object())
        .isEqualTo("chat.completion.x");
    assertThat(read("{\"object\":null,\"choices\":[{\"message\":{}}]}").object()).isNull();
  }

  @Test
  void aMemberRepeatedInAMessageAddsItsElementsAfterTheFirstOnes() {
    ChatResponse read = read("{\"choices\":[{\"message\":{"
        + "\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"f\"}}],"
        + "\"annotations\":[],"
        + "\"tool_calls\":[{\"id\":\"b\",\"function\":{\"name\":\"g\"}},"
        + "{\"id\":\"c\",\"function\":{\"name\":\"h\",\"arguments\":\"{}\"}}],"
        + "\"annotations\":[{\"type\":\"file\"}],\"annotations\":null}}]}");

    Message m = read.message();
    assertThat(m.toolCalls()).extracting(ToolCall::id).containsExactly("a", "b", "c");
    assertThat(m.annotations()).extracting(Annotation::type).containsExactly("file");
    assertThat(m).isEqualTo(m.toBuilder().build());
    assertUnmodifiable(read);
  }

  @Test
  void usageFillsTheCountsAHostLeavesOutFromItsOwnNames() {
    ChatResponse read = read("{\"choices\":[{\"message\":{}}],\"usage\":{\"prompt_tokens\":200,"
        + "\"completion_tokens\":50,\"prompt_cache_hit_tokens\":150,"
        + "\"prompt_cache_miss_tokens\":50,\"cost_details\":7}}");

    Usage expected = Usage.builder().promptTokens(200).completionTokens(50).totalTokens(250)
        .cachedTokens(150)
        .extra(object("prompt_cache_hit_tokens", n("150"), "prompt_cache_miss_tokens", n("50")))
        .build();
    assertThat(read.usage()).isEqualTo(expected);
    assertThat(read.usage().costDetails()).isNull(); // not an object: not kept
    assertThat(read.usage().extra().keySet())
        .containsExactly("prompt_cache_hit_tokens", "prompt_cache_miss_tokens");
    assertThat(read("{\"choices\":[{\"message\":{}}],\"usage\":null}").usage()).isNull();
    assertThat(read("{\"choices\":[{\"message\":{}}],\"usage\":{\"cost_details\":{}}}").usage()
        .costDetails()).isEqualTo(Map.of());
  }

  @Test
  void theReadersValuesPassThroughTheBuildersUnchanged() {
    ChatResponse read = read(FULL);
    ChatResponse rebuilt = read.toBuilder().build();

    assertThat(rebuilt).isEqualTo(read);
    assertThat(rebuilt.choices()).isSameAs(read.choices());
    assertThat(rebuilt.extra()).isSameAs(read.extra());
    Message m = read.message();
    Message again = m.toBuilder().build();
    assertThat(again.toolCalls()).isSameAs(m.toolCalls());
    assertThat(again.extra()).isSameAs(m.extra());
  }

  @SuppressWarnings("unchecked")
  private static void assertUnmodifiable(ChatResponse r) {
    assertRefused(() -> r.choices().add(r.choices().get(0)));
    assertRefused(() -> r.extra().put("k", "v"));
    for (Choice c : r.choices()) {
      assertRefused(() -> c.extra().put("k", "v"));
      if (c.logprobs() instanceof Map<?, ?> lp) {
        assertRefused(() -> ((Map<String, Object>) lp).put("k", "v"));
      }
      Message m = c.message();
      assertRefused(() -> m.toolCalls().add(new ToolCall("x", "y", "{}")));
      assertRefused(() -> m.reasoningDetails().clear());
      assertRefused(() -> m.annotations().add(Annotation.urlCitation("u", null, null)));
      assertRefused(() -> m.extra().put("k", "v"));
    }
    for (Object v : r.extra().values()) {
      if (v instanceof List<?> l) {
        assertRefused(() -> ((List<Object>) l).add("x"));
      }
    }
    if (r.usage() != null) {
      assertRefused(() -> r.usage().extra().put("k", "v"));
      if (r.usage().costDetails() != null) {
        assertRefused(() -> r.usage().costDetails().put("k", "v"));
      }
    }
  }

  private static void assertRefused(Runnable change) {
    assertThatThrownBy(change::run).isInstanceOf(UnsupportedOperationException.class);
  }

  // ---------------------------------------------------------------------------------------
  // Request headers

  private static final Endpoint ENDPOINT = Endpoint.builder("openai", "openai/gpt-4.1-mini").build();
  private static final ChatRequest REQUEST =
      ChatRequest.builder().model("openai/gpt-4.1-mini").user("hi").build();

  private static OpenAiChatAdapter adapter(AuthStyle auth, Map<String, String> headers) {
    return new OpenAiChatAdapter("openai", new OkHttpClient(),
        HttpUrl.get("https://api.example.com/v1"), OpenAiDialect.OPENAI, auth, headers, 1 << 20);
  }

  private static Request request(OpenAiChatAdapter adapter, Credential key, boolean stream) {
    return adapter.request(new ProviderCall(REQUEST, ENDPOINT, key, Duration.ofSeconds(5)), stream);
  }

  @Test
  void eachRequestCarriesItsOwnCredentialsKeyWhenTheKeysTakeTurns() {
    Credential a = new Credential("a", "sk-" + "aaaa1111");
    Credential b = new Credential("b", "sk-" + "bbbb2222");
    OpenAiChatAdapter adapter = adapter(AuthStyle.BEARER, Map.of());

    assertThat(request(adapter, a, false).header("Authorization")).isEqualTo("Bearer sk-aaaa1111");
    assertThat(request(adapter, b, false).header("Authorization")).isEqualTo("Bearer sk-bbbb2222");
    assertThat(request(adapter, a, true).header("Authorization")).isEqualTo("Bearer sk-aaaa1111");
    assertThat(request(adapter, a, false).header("Authorization")).isEqualTo("Bearer sk-aaaa1111");
    // An equal credential made anew is sent as well.
    assertThat(request(adapter, new Credential("b", "sk-" + "bbbb2222"), false)
        .header("Authorization")).isEqualTo("Bearer sk-bbbb2222");
  }

  @Test
  void headersComeInOrderAndTheExtraOnesReplaceTheSameNames() {
    Credential a = new Credential("a", "sk-" + "aaaa1111");
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("X-Title", "app");
    extra.put("accept", "application/x-custom");
    Request plain = request(adapter(AuthStyle.BEARER, extra), a, false);
    // Accept, the key, then the extras (in the adapter's map order): an extra header replaces
    // one of the same name, whatever its case.
    List<String> names = new ArrayList<>();
    for (int i = 0; i < plain.headers().size(); i++) {
      names.add(plain.headers().name(i));
    }
    assertThat(names.get(0)).isEqualTo("Authorization");
    assertThat(names.subList(1, names.size())).containsExactlyInAnyOrder("X-Title", "accept");
    assertThat(plain.header("Accept")).isEqualTo("application/x-custom");
    assertThat(plain.headers("Accept")).hasSize(1);
    assertThat(plain.header("X-Title")).isEqualTo("app");

    Request azure = request(adapter(AuthStyle.API_KEY_HEADER, Map.of()), a, true);
    assertThat(azure.header("api-key")).isEqualTo("sk-aaaa1111");
    assertThat(azure.header("Authorization")).isNull();
    assertThat(azure.header("Accept")).isEqualTo("text/event-stream");

    Request local = request(adapter(AuthStyle.NONE, Map.of()), a, false);
    assertThat(local.header("Authorization")).isNull();
    assertThat(local.header("api-key")).isNull();
    assertThat(local.header("Accept")).isEqualTo("application/json");
    assertThat(request(adapter(AuthStyle.BEARER, Map.of()), null, false).header("Authorization"))
        .isNull();
  }
}
