package dev.router4j.internal.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ContentPart;
import dev.router4j.api.Message;
import dev.router4j.api.Role;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.Usage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Token counts checked against jtokkit directly and against OpenAI's published counting
 * recipe (for example the API reference's {@code "Hello!"} request, 9 prompt tokens).
 */
class TokenizerTest {
  private static final Tokenizer O200K = Tokenizer.o200k();
  private static final Tokenizer CL100K = Tokenizer.cl100k();

  private static ChatRequest request(Message... messages) {
    return ChatRequest.builder().model("openai/gpt-4o").messages(List.of(messages)).build();
  }

  @Test
  void knownTextCounts() {
    for (Tokenizer t : List.of(O200K, CL100K)) {
      assertThat(t.count("hello world")).as(t.toString()).isEqualTo(2);
      assertThat(t.count("Hello, world!")).isEqualTo(4);
      assertThat(t.count("tiktoken is great!")).isEqualTo(6);
      assertThat(t.count("The quick brown fox jumps over the lazy dog.")).isEqualTo(10);
      assertThat(t.count("")).isZero();
      assertThat(t.count(null)).isZero();
    }
    assertThat(O200K.count("こんにちは世界")).isEqualTo(2);
    assertThat(CL100K.count("こんにちは世界")).isEqualTo(4);
  }

  @Test
  void specialTokenMarkersCountAsPlainText() {
    assertThat(O200K.count("<|endoftext|>")).isGreaterThan(1);
  }

  @Test
  void theEncodingFollowsTheModelFamily() {
    assertThat(TokenizerEncoding.forModel("openai/gpt-4")).isEqualTo(TokenizerEncoding.CL100K_BASE);
    assertThat(TokenizerEncoding.forModel("gpt-4-turbo")).isEqualTo(TokenizerEncoding.CL100K_BASE);
    assertThat(TokenizerEncoding.forModel("openai/gpt-4-0613")).isEqualTo(TokenizerEncoding.CL100K_BASE);
    assertThat(TokenizerEncoding.forModel("openai/gpt-3.5-turbo:floor"))
        .isEqualTo(TokenizerEncoding.CL100K_BASE);
    assertThat(TokenizerEncoding.forModel("openai/text-embedding-3-small"))
        .isEqualTo(TokenizerEncoding.CL100K_BASE);
    assertThat(TokenizerEncoding.forModel("openai/gpt-4o")).isEqualTo(TokenizerEncoding.O200K_BASE);
    assertThat(TokenizerEncoding.forModel("openai/gpt-4o-mini")).isEqualTo(TokenizerEncoding.O200K_BASE);
    assertThat(TokenizerEncoding.forModel("openai/gpt-4.1")).isEqualTo(TokenizerEncoding.O200K_BASE);
    assertThat(TokenizerEncoding.forModel("GPT-4.5-preview")).isEqualTo(TokenizerEncoding.O200K_BASE);
    assertThat(TokenizerEncoding.forModel("openai/gpt-5")).isEqualTo(TokenizerEncoding.O200K_BASE);
    assertThat(TokenizerEncoding.forModel("openai/o3-mini")).isEqualTo(TokenizerEncoding.O200K_BASE);
    assertThat(TokenizerEncoding.forModel("anthropic/claude-sonnet-4.5"))
        .isEqualTo(TokenizerEncoding.O200K_BASE);
    assertThat(TokenizerEncoding.forModel(null)).isEqualTo(TokenizerEncoding.O200K_BASE);
    assertThat(Tokenizer.forModel("openai/gpt-4")).isSameAs(Tokenizer.cl100k());
    assertThat(Tokenizer.forModel("meta-llama/llama-3.3-70b")).isSameAs(Tokenizer.o200k());
    assertThat(TokenizerEncoding.CL100K_BASE.encodingName()).isEqualTo("cl100k_base");
  }

  @Test
  void aSingleHelloCostsNinePromptTokensAsInOpenAisExample() {
    // 3 to prime the reply + (3 per message + "user" 1 + "Hello!" 2)
    assertThat(O200K.promptTokens(request(Message.user("Hello!")))).isEqualTo(9);
    assertThat(CL100K.promptTokens(request(Message.user("Hello!")))).isEqualTo(9);
  }

  @Test
  void everyMessageAddsItsOverheadRoleContentAndName() {
    ChatRequest two = request(Message.system("You are a helpful assistant."),
        Message.user("hello world"));
    int expected = 3 + (3 + 1 + O200K.count("You are a helpful assistant.")) + (3 + 1 + 2);
    assertThat(O200K.promptTokens(two)).isEqualTo(expected);

    Message named = Message.builder(Role.USER).content("hello world").name("alice").build();
    assertThat(O200K.messageTokens(named))
        .isEqualTo(3 + 1 + 2 + O200K.count("alice") + Tokenizer.PER_NAME);

    Message calls = Message.assistant(List.of(new ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}")));
    assertThat(O200K.messageTokens(calls)).isEqualTo(3 + O200K.count("assistant")
        + Tokenizer.PER_TOOL_CALL + O200K.count("get_weather") + O200K.count("{\"city\":\"Paris\"}"));
    assertThat(O200K.messageTokens(Message.tool("c1", "21 degrees")))
        .isEqualTo(3 + O200K.count("tool") + O200K.count("21 degrees"));
  }

  @Test
  void textPartsCountLikePlainContent() {
    Message parts = Message.user(List.of(ContentPart.text("hello "), ContentPart.text("world")));
    assertThat(O200K.messageTokens(parts))
        .isEqualTo(3 + 1 + O200K.count("hello ") + O200K.count("world"));
  }

  @Test
  void toolDefinitionsFollowOpenAisFunctionRecipe() {
    Tool weather = Tool.function("get_weather", "Get the current weather.",
        "{\"type\":\"object\",\"properties\":{"
            + "\"location\":{\"type\":\"string\",\"description\":\"The city.\"},"
            + "\"unit\":{\"type\":\"string\",\"description\":\"Unit\",\"enum\":[\"celsius\",\"fahrenheit\"]}"
            + "}}");
    int o200k = 7 + O200K.count("get_weather:Get the current weather")
        + 3
        + 3 + O200K.count("location:string:The city")
        + 3 - 3 + 3 + O200K.count("celsius") + 3 + O200K.count("fahrenheit")
        + O200K.count("unit:string:Unit")
        + 12;
    assertThat(O200K.toolTokens(List.of(weather))).isEqualTo(o200k);
    int cl100k = 10 + CL100K.count("get_weather:Get the current weather") + 3
        + 3 + CL100K.count("location:string:The city")
        + 3 - 3 + 3 + CL100K.count("celsius") + 3 + CL100K.count("fahrenheit")
        + CL100K.count("unit:string:Unit") + 12;
    assertThat(CL100K.toolTokens(List.of(weather))).isEqualTo(cl100k);

    Tool bare = Tool.function("ping", null, null);
    assertThat(O200K.toolTokens(List.of(bare))).isEqualTo(7 + O200K.count("ping:") + 12);
    assertThat(O200K.toolTokens(List.of())).isZero();

    ChatRequest withTools = ChatRequest.builder().model("openai/gpt-4o")
        .messages(List.of(Message.user("Hello!"))).tools(List.of(weather)).build();
    assertThat(O200K.promptTokens(withTools)).isEqualTo(9 + o200k);
  }

  @Test
  void nestedSchemasCountTheirJsonText() {
    Tool nested = Tool.function("plan", "Plan", "{\"type\":\"object\",\"properties\":{"
        + "\"steps\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}");
    int expected = 7 + O200K.count("plan:Plan") + 3 + 3
        + O200K.count("{\"type\":\"string\"}") + O200K.count("steps:array:") + 12;
    assertThat(O200K.toolTokens(List.of(nested))).isEqualTo(expected);
  }

  @Test
  void imagesCountByTheTileFormula() {
    assertThat(TokenizerImages.tokens(1024, 1024, "high")).isEqualTo(765);
    assertThat(TokenizerImages.tokens(2048, 4096, "auto")).isEqualTo(1105);
    assertThat(TokenizerImages.tokens(512, 512, null)).isEqualTo(255);
    assertThat(TokenizerImages.tokens(4096, 8192, "low")).isEqualTo(85);
    assertThat(TokenizerImages.tokens(100, 3000, "high")).isEqualTo(85 + 170 * 4);
  }

  @Test
  void inlineImageSizesAreReadFromTheirHeaders() {
    assertThat(TokenizerImages.size(png(2048, 4096))).containsExactly(2048, 4096);
    assertThat(TokenizerImages.size(gif(640, 480))).containsExactly(640, 480);
    assertThat(TokenizerImages.size(jpeg(1920, 1080))).containsExactly(1920, 1080);
    assertThat(TokenizerImages.size(webpVp8x(3000, 2000))).containsExactly(3000, 2000);
    assertThat(TokenizerImages.size(new byte[] {1, 2, 3})).isNull();

    ContentPart.Image big = ContentPart.imageBase64("image/png",
        Base64.getEncoder().encodeToString(png(2048, 4096)));
    assertThat(TokenizerImages.tokens(big)).isEqualTo(1105);
    assertThat(TokenizerImages.tokens(big.withDetail("low"))).isEqualTo(85);
    ContentPart.Image jpg = ContentPart.imageBase64("image/jpeg",
        Base64.getMimeEncoder().encodeToString(jpeg(1920, 1080)));
    assertThat(TokenizerImages.tokens(jpg)).isEqualTo(TokenizerImages.tokens(1920, 1080, null));
    assertThat(TokenizerImages.tokens(ContentPart.imageUrl("https://example.com/cat.png")))
        .isEqualTo(TokenizerImages.UNKNOWN_SIZE);
    assertThat(TokenizerImages.tokens(ContentPart.imageBase64("image/png", "!!notbase64!!")))
        .isEqualTo(TokenizerImages.UNKNOWN_SIZE);

    Message withImage = Message.user("What is this?", big);
    assertThat(O200K.messageTokens(withImage))
        .isEqualTo(3 + 1 + O200K.count("What is this?") + 1105);
  }

  @Test
  void completionsCountTextReasoningAndToolCalls() {
    assertThat(O200K.completionTokens("hello world")).isEqualTo(2);
    Message answer = Message.builder(Role.ASSISTANT).content("hello world").reasoning("think")
        .toolCalls(List.of(new ToolCall("c", "f", "{}"))).build();
    int expected = 2 + O200K.count("think") + Tokenizer.PER_TOOL_CALL + O200K.count("f")
        + O200K.count("{}");
    assertThat(O200K.completionTokens(answer)).isEqualTo(expected);

    Usage u = O200K.estimateUsage(request(Message.user("Hello!")), answer);
    assertThat(u.estimated()).isTrue();
    assertThat(u.promptTokens()).isEqualTo(9);
    assertThat(u.completionTokens()).isEqualTo(expected);
    assertThat(u.totalTokens()).isEqualTo(9 + expected);
    assertThat(u.reasoningTokens()).isEqualTo(O200K.count("think"));
    assertThat(O200K.estimateUsage(request(Message.user("Hello!")), null).completionTokens()).isZero();
  }

  @Test
  void longTextsAreCutOnlyWhereTheCountStaysExact() {
    SplittableRandom random = new SplittableRandom(42);
    String[] pieces = {"a", "b", "é", "Z", " ", " ", " ", "  ", "\n", "\r\n", "'s", "'LL", "1", "23",
        ".", ",", "!?", "/", "中", "🚀", "\t", "ab", "Hello", " world", "\u0301"};
    Encoding[] encodings = {Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE),
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE)};
    for (int round = 0; round < 200; round++) {
      StringBuilder sb = new StringBuilder();
      int n = 50 + random.nextInt(400);
      for (int i = 0; i < n; i++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      for (Encoding e : encodings) {
        int whole = e.countTokensOrdinary(text);
        int cut = 0;
        for (String piece : Tokenizer.split(text, 8 + random.nextInt(40))) {
          cut += e.countTokensOrdinary(piece);
        }
        assertThat(cut).as("round %d, %s: %s", round, e.getName(), text).isEqualTo(whole);
      }
    }
  }

  @Test
  void aLongDocumentCountsExactlyAndFast() {
    String text = longText(1_000_000);
    Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    int expected = o200k.countTokensOrdinary(text);
    O200K.count(text.substring(0, 300_000) + "x"); // warm up
    long started = System.nanoTime();
    int counted = O200K.count(text);
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertThat(counted).isEqualTo(expected);
    assertThat(ms).as("a million characters").isLessThan(5_000);
    long again = System.nanoTime();
    assertThat(O200K.count(text)).isEqualTo(expected);
    assertThat((System.nanoTime() - again) / 1_000_000).as("cached").isLessThan(250);
  }

  @Test
  void countsAreTheSameFromManyThreads() throws Exception {
    Encoding cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    List<String> texts = new ArrayList<>();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      String t = longText(5_000 + 1_000 * i) + " #" + i;
      texts.add(t);
      expected.add(cl100k.countTokensOrdinary(t));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (String t : texts) {
        results.add(pool.submit(() -> CL100K.count(t)));
      }
      for (int i = 0; i < texts.size(); i++) {
        assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(expected.get(i));
      }
    } finally {
      pool.shutdown();
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static String longText(int chars) {
    SplittableRandom random = new SplittableRandom(7);
    String[] words = {"the", "router", "sends", "each", "request", "to", "a", "provider,", "and",
        "bills", "tokens.", "Caching", "helps;", "reasoning", "costs", "extra", "(sometimes)",
        "2025", "naïve", "café", "\n", "—", "über", "42%", "JSON:", "{\"a\":1}"};
    StringBuilder sb = new StringBuilder(chars + 16);
    while (sb.length() < chars) {
      sb.append(words[random.nextInt(words.length)]).append(' ');
    }
    return sb.toString();
  }

  private static byte[] png(int w, int h) {
    byte[] b = new byte[33];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    System.arraycopy(sig, 0, b, 0, sig.length);
    be32(b, 16, w);
    be32(b, 20, h);
    return b;
  }

  private static byte[] gif(int w, int h) {
    byte[] b = {'G', 'I', 'F', '8', '9', 'a', (byte) w, (byte) (w >> 8), (byte) h, (byte) (h >> 8),
        0, 0, 0};
    return b;
  }

  private static byte[] jpeg(int w, int h) {
    // SOI, an APP0 segment of 16 bytes, then SOF0 with height and width
    byte[] b = new byte[2 + 18 + 19];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    b[3] = (byte) 0xE0;
    b[4] = 0;
    b[5] = 16;
    int sof = 2 + 18;
    b[sof] = (byte) 0xFF;
    b[sof + 1] = (byte) 0xC0;
    b[sof + 2] = 0;
    b[sof + 3] = 17;
    b[sof + 4] = 8;
    b[sof + 5] = (byte) (h >> 8);
    b[sof + 6] = (byte) h;
    b[sof + 7] = (byte) (w >> 8);
    b[sof + 8] = (byte) w;
    return b;
  }

  private static byte[] webpVp8x(int w, int h) {
    byte[] b = new byte[30];
    byte[] head = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X'};
    System.arraycopy(head, 0, b, 0, head.length);
    int w1 = w - 1;
    int h1 = h - 1;
    b[24] = (byte) w1;
    b[25] = (byte) (w1 >> 8);
    b[26] = (byte) (w1 >> 16);
    b[27] = (byte) h1;
    b[28] = (byte) (h1 >> 8);
    b[29] = (byte) (h1 >> 16);
    return b;
  }

  private static void be32(byte[] b, int i, int v) {
    b[i] = (byte) (v >> 24);
    b[i + 1] = (byte) (v >> 16);
    b[i + 2] = (byte) (v >> 8);
    b[i + 3] = (byte) v;
  }
}
