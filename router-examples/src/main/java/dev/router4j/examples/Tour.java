package dev.router4j.examples;

import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.RouterMetrics;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.Message;
import dev.router4j.api.ResponseFormat;
import dev.router4j.api.RouteAttempt;
import dev.router4j.api.Tool;
import dev.router4j.api.ToolCall;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.AllRoutesFailedException;
import dev.router4j.api.error.BudgetExceededException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Provider;
import dev.router4j.examples.simulator.Fault;
import dev.router4j.examples.simulator.LoopbackSimulator;
import dev.router4j.examples.simulator.Malformation;
import dev.router4j.examples.simulator.Protocol;
import dev.router4j.examples.simulator.ProviderSpec;
import dev.router4j.ledger.GroupBy;
import dev.router4j.ledger.UsageRow;
import dev.router4j.providers.OpenAiCompatible;
import dev.router4j.workspace.BudgetPeriod;
import dev.router4j.workspace.SpendCap;
import dev.router4j.workspace.Workspace;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The narrated tour of router4j: one line per feature, against a fleet of simulated providers
 * on 127.0.0.1 (no keys, no network) or, with API keys set, against the real ones.
 *
 * <pre>
 *   mvn -B -ntp install -DskipTests                  # once
 *   mvn -B -ntp -q -pl router-examples exec:java     # the tour
 *   mvn -B -ntp -q -pl router-examples exec:java -Dexec.args=--live   # on real providers
 * </pre>
 *
 * <p>Steps: a plain chat; a stream printed as it arrives; a tool call round trip; structured
 * output healed from a broken reply; provider fallback with its route trace; the
 * {@code :floor}, {@code :nitro} and {@code :free} variants; a {@code models} fallback list;
 * the free and auto routers; a spend cap being hit; and a cost table per model and provider
 * from the router's ledger.
 *
 * <p>With no argument the tour is live when one of {@code OPENAI_API_KEY},
 * {@code ANTHROPIC_API_KEY}, {@code GEMINI_API_KEY} or {@code OPENROUTER_API_KEY} is set, and
 * on the simulator otherwise; {@code --live} and {@code --sim} choose. Live, a step whose
 * models no key serves is skipped with its reason, and the failing host of the fallback steps
 * is a local stand-in that always answers 503. On the simulator the output is the same on
 * every run except for latencies.
 */
public final class Tour {
  /** The seed of the simulator's answers and of the router's random draws. */
  public static final long SEED = 42;

  private static final String FLAKY = "flaky-host";
  private static final String DOWN_MODEL = "demo/always-down";
  private static final int EXCERPT = 34;
  private static final String INDENT = " ".repeat(18);

  private static final String[] CHAT_MODELS = {"openai/gpt-4.1-mini",
      "anthropic/claude-haiku-4.5", "google/gemini-2.5-flash", "meta-llama/llama-3.3-70b-instruct"};
  private static final String[] TOOL_MODELS = {"anthropic/claude-haiku-4.5",
      "openai/gpt-4.1-mini", "google/gemini-2.5-flash"};
  private static final String[] JSON_MODELS = {"google/gemini-2.5-flash", "openai/gpt-4.1-mini",
      "anthropic/claude-haiku-4.5"};
  private static final String[] VARIANT_MODELS = {"meta-llama/llama-3.3-70b-instruct",
      "qwen/qwen3-coder", "openai/gpt-4.1-mini", "anthropic/claude-haiku-4.5",
      "google/gemini-2.5-flash"};
  private static final String[] FREE_MODELS = {"meta-llama/llama-3.3-70b-instruct:free",
      "google/gemma-3-27b-it:free", "qwen/qwen3-coder:free",
      "deepseek/deepseek-chat-v3-0324:free"};
  private static final String[] LIVE_FALLBACK_MODELS = {"openai/gpt-4.1-nano",
      "google/gemini-2.5-flash-lite", "anthropic/claude-3-haiku",
      "meta-llama/llama-3.1-8b-instruct"};
  private static final String[] BUDGET_MODELS = {"anthropic/claude-sonnet-4.5", "openai/gpt-4.1",
      "openai/gpt-4.1-mini", "anthropic/claude-haiku-4.5", "google/gemini-2.5-flash"};
  private static final int BUDGET_MAX_TOKENS = 40;
  private static final int BUDGET_MAX_CALLS = 10;

  private static final Tool WEATHER = Tool.function("get_weather",
      "The current weather in a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
          + "\"required\":[\"city\"]}");
  private static final String CITY_SCHEMA = "{\"type\":\"object\",\"properties\":{"
      + "\"city\":{\"type\":\"string\"},\"population\":{\"type\":\"integer\"},"
      + "\"rivers\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
      + "\"required\":[\"city\",\"population\",\"rivers\"],\"additionalProperties\":false}";

  private final PrintStream out;
  private final Hosts hosts;
  private final LoopbackSimulator sim;
  private final boolean live;
  private final String liveFallbackModel;
  private final String budgetModel;
  private final BigDecimal budgetCap;
  private final List<String> alerts = new ArrayList<>();
  private Router router;
  private int index;
  private int ran;
  private int failed;
  private int skipped;

  private Tour(PrintStream out, Hosts hosts, String liveFallbackModel) {
    this.out = out;
    this.hosts = hosts;
    this.sim = hosts.simulator();
    this.live = !hosts.isSimulated();
    this.liveFallbackModel = liveFallbackModel;
    this.budgetModel = hosts.firstServed(BUDGET_MODELS);
    this.budgetCap = budgetModel == null ? null : capFor(budgetModel);
  }

  /** Runs the tour; see the class comment. Exits with a non-zero status when a step failed. */
  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      // The tour prints what happens itself; keep the router's INFO lines out of the table.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int status = run(System.out, args);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the tour, printing to {@code out}.
   *
   * @param args {@code --live}, {@code --sim} or nothing (live when a key is set)
   * @return 0 when every step that ran succeeded, 1 when one failed, 2 for bad arguments
   */
  public static int run(PrintStream out, String... args) {
    Boolean wantLive = null;
    for (String a : args) {
      switch (a) {
        case "--live": wantLive = Boolean.TRUE; break;
        case "--sim": wantLive = Boolean.FALSE; break;
        case "-h": case "--help":
          out.println("usage: Tour [--live | --sim]   (live when an API key is set, else the simulator)");
          return 0;
        default:
          out.println("unknown argument '" + a + "'; usage: Tour [--live | --sim]");
          return 2;
      }
    }
    Map<String, String> keys = Hosts.keysFromEnvironment();
    boolean live = wantLive != null ? wantLive : !keys.isEmpty();
    if (live && keys.isEmpty()) {
      out.println("--live needs one of " + String.join(", ", Hosts.KEY_VARIABLES)
          + "; none is set. Without --live the tour runs on the simulator.");
      return 2;
    }
    try (Hosts hosts = live ? Hosts.live(keys) : Hosts.simulated(SEED)) {
      String fallbackModel = live ? hosts.firstServed(LIVE_FALLBACK_MODELS) : null;
      LoopbackSimulator flaky = live ? flakyHost(fallbackModel) : null;
      try {
        return new Tour(out, hosts, fallbackModel).tour(flaky);
      } finally {
        if (flaky != null) {
          flaky.close();
        }
      }
    }
  }

  private int tour(LoopbackSimulator flaky) {
    Router.Builder b = hosts.router().random(new SplittableRandom(SEED));
    if (flaky != null) {
      b.provider(flakyProvider(flaky));
    }
    if (budgetModel != null) {
      b.workspace(Workspace.builder("tour")
          .spendCap(SpendCap.workspace(BudgetPeriod.DAY, budgetCap)).build())
          .spendListener(a -> alerts.add("alert: " + a.capName() + " reached " + a.percent()
              + "% ($" + a.spent().toPlainString() + " spent)"));
    }
    long start = System.nanoTime();
    try (Router r = b.build()) {
      router = r;
      intro();
      header();
      step("chat", this::chat);
      step("stream", this::stream);
      step("tools", this::tools);
      step("healing", this::healing);
      step("fallback", this::fallback);
      step(":floor", () -> variant(":floor"));
      step(":nitro", () -> variant(":nitro"));
      step(":free", this::free);
      step("models[]", this::models);
      step("free router", this::freeRouter);
      step("auto router", this::autoRouter);
      step("budget", this::budget);
      costTable();
      RouterMetrics m = router.metrics();
      out.println();
      out.printf(Locale.ROOT, "router.metrics(): %d calls, %d succeeded, %d failed, %d attempts, "
          + "%d retries, %d fallbacks, %d healed%n", m.calls(), m.succeeded(), m.failed(),
          m.attempts(), m.retries(), m.fallbacks(), m.healed());
    }
    out.printf(Locale.ROOT, "%d steps: %d ran, %d failed, %d skipped, in %.1f s.%n", index, ran,
        failed, skipped, (System.nanoTime() - start) / 1e9);
    return failed == 0 ? 0 : 1;
  }

  // ---- the steps ----------------------------------------------------------------------------

  /** A plain chat. */
  private Result chat() {
    String model = need(CHAT_MODELS);
    return new Result().add(router.chat(ChatRequest.builder().model(model)
        .system("You are terse.").user("Name three rivers in France.").maxTokens(80).build()));
  }

  /** A stream, printed as it arrives. */
  private Result stream() {
    String model = need(CHAT_MODELS);
    ChatRequest request = ChatRequest.builder().model(model)
        .user("Describe a harbor at dawn in two sentences.").maxTokens(80).build();
    int column = 0;
    int chunks = 0;
    try (ChatStream stream = router.stream(request)) {
      for (ChatChunk chunk : stream) {
        String text = chunk.text().replace('\n', ' ');
        if (text.isEmpty()) {
          continue;
        }
        if (chunks++ == 0) {
          out.print(INDENT + "streaming: ");
          column = INDENT.length() + 11;
          text = text.stripLeading();
        }
        if (column + text.length() > 110 && text.startsWith(" ")) {
          out.print("\n" + INDENT + "           ");
          column = INDENT.length() + 11;
          text = text.substring(1);
        }
        out.print(text);
        out.flush();
        column += text.length();
      }
      out.println();
      return new Result().add(stream.response()).detail(chunks + " chunks, printed as they arrived");
    } catch (RuntimeException e) {
      if (chunks > 0) {
        out.println();
      }
      throw e;
    }
  }

  /** A tool call round trip: the model asks for the tool, the tour runs it, the model answers. */
  private Result tools() {
    String model = need(TOOL_MODELS);
    ChatRequest first = ChatRequest.builder().model(model)
        .user("What is the weather in Lyon right now?").tools(WEATHER).maxTokens(80).build();
    ChatResponse call = router.chat(first);
    Result result = new Result().add(call);
    if (call.toolCalls().isEmpty()) {
      return result.detail("the model answered without calling the tool");
    }
    ChatRequest.Builder next = first.toBuilder().message(call.message());
    for (ToolCall c : call.toolCalls()) {
      String answer = "{\"forecast\":\"sunny\",\"temp_c\":21}"; // a real tool would look it up
      next.message(Message.tool(c.id(), answer));
      result.detail("the model called " + c.name() + "(" + c.arguments().replaceAll("\\s+", "")
          + "); the tour ran it and sent back " + answer);
    }
    return result.add(router.chat(next.build())).detail("2 calls: the tool call, then the answer");
  }

  /** Structured output: the reply is broken JSON, the router heals it to the schema. */
  private Result healing() {
    String model = need(JSON_MODELS);
    if (sim != null) {
      sim.inject(provider(model), model, Fault.malformedJson(Malformation.PROSE));
    }
    ChatResponse answer = router.chat(ChatRequest.builder().model(model)
        .user("Give the biggest city of France, its population and its rivers, as JSON.")
        .responseFormat(ResponseFormat.jsonSchema("city", CITY_SCHEMA)).maxTokens(120).build());
    Result result = new Result().add(answer);
    if (answer.healing() == null) {
      return result.detail("the reply was valid JSON: nothing to heal");
    }
    if (sim != null) {
      result.detail("the simulator wrapped the JSON in prose (Malformation.PROSE)");
    }
    for (String repair : answer.healing().repairs()) {
      result.detail("healed: " + repair);
    }
    return result.detail("now valid: " + answer.text());
  }

  /** Provider fallback: the first endpoint answers 503 (twice: one retry), the next one serves. */
  private Result fallback() {
    ChatRequest.Builder ask = ChatRequest.builder().user("Suggest a name for a river boat.")
        .maxTokens(80);
    if (sim != null) {
      String model = "meta-llama/llama-3.3-70b-instruct";
      sim.inject("groq", model, Fault.status(503), Fault.status(503));
      ask.model(model).provider(p -> p.order("groq", "together"));
    } else {
      if (liveFallbackModel == null) {
        throw new Skip("needs a key serving one of " + String.join(", ", LIVE_FALLBACK_MODELS));
      }
      ask.model(liveFallbackModel).provider(p -> p.order(FLAKY));
    }
    ChatResponse answer = router.chat(ask.build());
    Result result = new Result().add(answer).detail(sim != null
        ? "provider.order(groq, together): groq answers 503, to the retry too; together serves:"
        : "provider.order(" + FLAKY + "): a local stand-in that always answers 503 goes first:");
    return result.trace(answer);
  }

  /** {@code :floor} (cheapest endpoint first) and {@code :nitro} (fastest first). */
  private Result variant(String suffix) {
    String model = need(VARIANT_MODELS);
    ChatResponse answer = router.chat(ChatRequest.builder().model(model + suffix)
        .user("Give one tip for a first trip to Paris.").maxTokens(80).build());
    Result result = new Result().add(answer);
    List<Endpoint> endpoints = hosts.endpoints(answer.model());
    Endpoint served = null;
    String tag = result.endpoint;
    for (Endpoint e : endpoints) {
      if (e.tag().equals(tag)) {
        served = e;
      }
    }
    if (served == null) {
      return result;
    }
    if (suffix.equals(":floor")) {
      return result.detail("cheapest of " + endpoints.size() + " endpoints: "
          + perMillion(served.pricing()) + " per million tokens (prompt + completion)");
    }
    Double tps = hosts.catalog().priors(served).throughputP50();
    return result.detail("fastest of " + endpoints.size() + " endpoints"
        + (tps == null ? "" : ": " + Math.round(tps) + " tokens/s in the catalog's priors"));
  }

  /** {@code :free}: the model's free endpoints only. */
  private Result free() {
    String freeModel = hosts.firstServed(FREE_MODELS);
    if (freeModel == null) {
      throw new Skip("needs a free model: set OPENROUTER_API_KEY (free models come through OpenRouter)");
    }
    String base = freeModel.substring(0, freeModel.length() - ":free".length());
    ChatResponse answer = router.chat(ChatRequest.builder().model(freeModel)
        .user("Say hello in French.").maxTokens(80).build());
    return new Result().add(answer).detail("only " + base.substring(base.indexOf('/') + 1)
        + "'s free endpoints: $0, at most 20 calls a minute (RateLimit.FREE_VARIANTS)");
  }

  /** A {@code models} fallback list: the first model fails, the second answers. */
  private Result models() {
    String second = need(CHAT_MODELS);
    String first;
    String why;
    if (sim != null) {
      first = "anthropic/claude-sonnet-4.5";
      sim.inject("anthropic", first, Fault.quotaExceeded());
      why = first + " fails (402 billing error); models[] moves on to " + second;
    } else {
      if (liveFallbackModel == null) {
        throw new Skip("needs a key serving one of " + String.join(", ", LIVE_FALLBACK_MODELS));
      }
      first = DOWN_MODEL;
      why = first + " is served only by a local host that always answers 503";
    }
    ChatResponse answer = router.chat(ChatRequest.builder().model(first).models(second)
        .user("Name a famous French painter.").maxTokens(80).build());
    return new Result().add(answer).detail(why + ":").trace(answer);
  }

  /** {@code openrouter/free}: one free model drawn among those that can serve the request. */
  private Result freeRouter() {
    if (hosts.firstServed(FREE_MODELS) == null) {
      throw new Skip("needs a free model: set OPENROUTER_API_KEY (free models come through OpenRouter)");
    }
    ChatResponse answer = router.chat(ChatRequest.builder().model("openrouter/free")
        .user("Write a haiku about the sea.").maxTokens(80).build());
    int free = 0;
    for (String m : FREE_MODELS) {
      free += hosts.serves(m) ? 1 : 0;
    }
    return new Result().add(answer).detail("openrouter/free drew " + answer.model() + " among "
        + free + " free models");
  }

  /** {@code openrouter/auto}: the built-in selector picks a model for the task. */
  private Result autoRouter() {
    ChatResponse answer = router.chat(ChatRequest.builder().model("openrouter/auto")
        .user("Write a Java method that reverses a string.").maxTokens(120).build());
    return new Result().add(answer).detail("openrouter/auto saw a coding task and chose "
        + answer.model() + " (cheapest band, code affinity)");
  }

  /** A workspace with a daily spend cap: calls go through until the next one could cross it. */
  private Result budget() {
    if (budgetModel == null) {
      throw new Skip("needs a key serving one of " + String.join(", ", BUDGET_MODELS));
    }
    Router workspace = router.workspace("tour");
    Result result = new Result();
    ChatRequest ask = ChatRequest.builder().model(budgetModel)
        .user("Give a one-line fun fact about the Loire.").maxTokens(BUDGET_MAX_TOKENS).build();
    for (int i = 1; i <= BUDGET_MAX_CALLS; i++) {
      try {
        result.add(workspace.chat(ask));
      } catch (BudgetExceededException e) {
        result.excerpt = "refused at call " + i;
        result.detail("workspace \"tour\" caps spend at $" + budgetCap.toPlainString()
            + " a day; " + (i - 1) + " calls cost " + dollars(result.cost));
        alerts.forEach(result::detail);
        return result
            .detail("call " + i + " was refused before it left the JVM: "
                + e.getClass().getSimpleName() + " (" + e.category() + ")")
            .detail("  " + oneLine(e.getMessage()).replaceAll("; it resets at \\S+", "")
                .replace(" \u2014 ", ": "));
      }
    }
    throw new IllegalStateException("the spend cap of $" + budgetCap + " was never reached");
  }

  // ---- the cost table -----------------------------------------------------------------------

  private void costTable() {
    List<UsageRow> rows = router.usage().series(GroupBy.MODEL, GroupBy.PROVIDER);
    UsageRow total = router.usage().totals();
    out.println();
    out.println("Cost per model and provider, from the ledger: "
        + "router.usage().series(GroupBy.MODEL, GroupBy.PROVIDER)");
    out.println();
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"model", "provider", "requests", "prompt", "completion", "cost"});
    for (UsageRow r : rows) {
      cells.add(new String[] {String.valueOf(r.key(GroupBy.MODEL)),
          String.valueOf(r.key(GroupBy.PROVIDER)), String.valueOf(r.requests()),
          String.valueOf(r.promptTokens()), String.valueOf(r.completionTokens()),
          dollars(r.cost())});
    }
    cells.add(new String[] {"total", "", String.valueOf(total.requests()),
        String.valueOf(total.promptTokens()), String.valueOf(total.completionTokens()),
        dollars(total.cost())});
    int[] width = new int[6];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (int n = 0; n < cells.size(); n++) {
      String[] row = cells.get(n);
      if (n == cells.size() - 1) {
        out.println("  " + "-".repeat(width[0] + width[1] + width[2] + width[3] + width[4]
            + width[5] + 10));
      }
      out.println(String.format(Locale.ROOT, "  %-" + width[0] + "s  %-" + width[1] + "s  %"
          + width[2] + "s  %" + width[3] + "s  %" + width[4] + "s  %" + width[5] + "s",
          (Object[]) row).stripTrailing());
    }
  }

  // ---- printing -----------------------------------------------------------------------------

  private void intro() {
    if (live) {
      out.println("router4j tour, live: " + String.join(", ", hosts.keysUsed())
          + " (real calls; a fraction of a cent in all). Pass --sim for the simulator.");
      out.println("The failing host of the fallback steps is a local stand-in on 127.0.0.1.");
    } else {
      out.println("router4j tour on the loopback simulator: " + hosts.providers().size()
          + " simulated providers on 127.0.0.1 speaking the OpenAI, Anthropic and Gemini");
      out.println("wire protocols: " + String.join(", ", hosts.providerSlugs()) + ".");
      out.println("Models, prices and speeds mirror the bundled catalog; seed " + SEED
          + ". Set OPENAI_API_KEY, ANTHROPIC_API_KEY,");
      out.println("GEMINI_API_KEY or OPENROUTER_API_KEY (or pass --live) to take the same "
          + "tour on the real providers.");
    }
    out.println();
  }

  private void header() {
    out.println(String.format(Locale.ROOT, "%2s  %-12s  %-52s %8s %12s %8s  %s", "#", "step",
        "model -> endpoint", "tokens", "cost", "latency", "answer"));
  }

  private void step(String name, StepBody body) {
    index++;
    long t0 = System.nanoTime();
    try {
      Result r = body.run();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      String route = r.model + " -> " + r.endpoint;
      out.println(String.format(Locale.ROOT, "%2d  %-12s  %-52s %8s %12s %5d ms  %s", index, name,
          route, r.prompt + "+" + r.completion, dollars(r.cost), ms, excerpt(r.excerpt)));
      for (String d : r.details) {
        wrapped(d);
      }
      for (String t : r.trace) {
        out.println(INDENT + t);
      }
      ran++;
    } catch (Skip s) {
      out.println(String.format(Locale.ROOT, "%2d  %-12s  skipped: %s", index, name,
          s.getMessage()));
      skipped++;
    } catch (RouterException e) {
      ran++;
      failed++;
      out.println(String.format(Locale.ROOT, "%2d  %-12s  FAILED %s: %s", index, name,
          e.category(), oneLine(e.getMessage())));
      if (e instanceof AllRoutesFailedException) {
        failures(((AllRoutesFailedException) e).failures());
      }
    }
  }

  /** Each attempt's failure, once per distinct message, at most five lines. */
  private void failures(List<RouterException> all) {
    List<String> lines = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (RouterException f : all) {
      String line = oneLine(f.getMessage());
      int at = lines.indexOf(line);
      if (at >= 0) {
        counts.set(at, counts.get(at) + 1);
      } else {
        lines.add(line);
        counts.add(1);
      }
    }
    for (int i = 0; i < lines.size() && i < 5; i++) {
      out.println(INDENT + "- " + lines.get(i) + (counts.get(i) > 1 ? " (x" + counts.get(i) + ")" : ""));
    }
    if (lines.size() > 5) {
      out.println(INDENT + "- and " + (lines.size() - 5) + " more");
    }
  }

  /** A detail line, wrapped at word boundaries to fit 120 columns. */
  private void wrapped(String line) {
    int width = 120 - INDENT.length();
    String rest = line;
    String lead = "";
    while (lead.length() + rest.length() > width) {
      int cut = rest.lastIndexOf(' ', width - lead.length());
      if (cut <= lead.length()) {
        break;
      }
      out.println(INDENT + lead + rest.substring(0, cut));
      rest = rest.substring(cut + 1);
      lead = lead.isEmpty() ? "  " + " ".repeat(rest.length() - rest.stripLeading().length()) : lead;
    }
    out.println(INDENT + lead + rest);
  }

  private static String excerpt(String text) {
    String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return t.length() <= EXCERPT ? t : t.substring(0, EXCERPT - 3).stripTrailing() + "...";
  }

  private static String oneLine(String message) {
    String m = message == null ? "" : message.replaceAll("\\s+", " ");
    return m.length() <= 240 ? m : m.substring(0, 237) + "...";
  }

  /** Exact dollars, as the ledger keeps them. */
  static String dollars(BigDecimal amount) {
    return "$" + (amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString());
  }

  private static String perMillion(Pricing p) {
    return "$" + cents(p.prompt().movePointRight(6)) + " + $" + cents(p.completion().movePointRight(6));
  }

  private static String cents(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 2 ? s.setScale(2) : s).toPlainString();
  }

  private static String tagOf(String endpointId) {
    int colon = endpointId == null ? -1 : endpointId.indexOf(':');
    return colon < 0 ? String.valueOf(endpointId) : endpointId.substring(0, colon);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private String need(String... models) {
    String m = hosts.firstServed(models);
    if (m == null) {
      throw new Skip("needs a key serving one of " + String.join(", ", models));
    }
    return m;
  }

  /** The simulated provider serving the model (its first endpoint). */
  private String provider(String model) {
    return hosts.endpoints(model).get(0).provider();
  }

  /** A cap that lets a few budget calls through: twice one call's worst case. */
  private BigDecimal capFor(String model) {
    Pricing p = hosts.endpoints(model).get(0).pricing();
    BigDecimal worst = p.prompt().multiply(BigDecimal.valueOf(30))
        .add(p.completion().multiply(BigDecimal.valueOf(BUDGET_MAX_TOKENS)));
    return worst.multiply(BigDecimal.valueOf(2))
        .round(new MathContext(2, RoundingMode.UP)).stripTrailingZeros();
  }

  /** Live only: a local host that always answers 503, serving a real model and a demo one. */
  private static LoopbackSimulator flakyHost(String model) {
    ProviderSpec.Builder p = ProviderSpec.builder(FLAKY, Protocol.OPENAI).apiKey("sk-flaky-0000")
        .randomFaults(1.0, SEED, Fault.status(503)).model(DOWN_MODEL);
    if (model != null) {
      p = p.model(model);
    }
    return LoopbackSimulator.builder().provider(p.build()).start();
  }

  /**
   * The stand-in as a provider. Its endpoints are priced far above any real one, so that only
   * the steps that put it first by name ever call it.
   */
  private Provider flakyProvider(LoopbackSimulator flaky) {
    Pricing dear = Pricing.perMillion("100", "100");
    OpenAiCompatible.Builder b = OpenAiCompatible.builder(FLAKY).baseUrl(flaky.baseUrl(FLAKY))
        .apiKey(flaky.apiKey(FLAKY))
        .endpoint(Endpoint.builder(FLAKY, DOWN_MODEL).providerName("Flaky host").pricing(dear)
            .build());
    if (liveFallbackModel != null) {
      b.endpoint(Endpoint.builder(FLAKY, liveFallbackModel).providerName("Flaky host")
          .pricing(dear).build());
    }
    return b.build();
  }

  /** One step's body. */
  @FunctionalInterface
  private interface StepBody {
    Result run();
  }

  /** A step that cannot run with the keys at hand. */
  private static final class Skip extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Skip(String why) {
      super(why, null, false, false);
    }
  }

  /** What a step did: the last answer's model and endpoint, and its calls' totals. */
  private static final class Result {
    String model = "-";
    String endpoint = "-";
    long prompt;
    long completion;
    BigDecimal cost = BigDecimal.ZERO;
    String excerpt = "";
    final List<String> details = new ArrayList<>();
    final List<String> trace = new ArrayList<>();

    Result add(ChatResponse r) {
      model = r.model();
      List<RouteAttempt> route = r.route();
      endpoint = route.isEmpty() ? r.provider() : tagOf(route.get(route.size() - 1).endpoint());
      if (r.usage() != null) {
        prompt += r.usage().prompt();
        completion += r.usage().completion();
      }
      if (r.cost() != null) {
        cost = cost.add(r.cost().total());
      }
      excerpt = r.text().isEmpty() && !r.toolCalls().isEmpty()
          ? "(calls " + r.toolCalls().get(0).name() + ")" : r.text();
      return this;
    }

    Result detail(String line) {
      details.add(line);
      return this;
    }

    Result trace(ChatResponse r) {
      boolean oneModel = r.route().stream().allMatch(a -> r.model().equals(a.model()));
      int n = 0;
      for (RouteAttempt a : r.route()) {
        n++;
        String why = a.errorCategory() == null ? ""
            : a.errorCategory() + (a.httpStatus() > 0 ? " HTTP " + a.httpStatus() : "");
        trace.add(String.format(Locale.ROOT, "  %d. %-16s %-9s %-28s %5d ms  %s", n,
            tagOf(a.endpoint()), a.outcome(), why, a.latency().toMillis(),
            oneModel ? "" : a.model()).stripTrailing());
      }
      return this;
    }
  }
}
