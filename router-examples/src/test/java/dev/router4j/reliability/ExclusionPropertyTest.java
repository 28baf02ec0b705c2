package dev.router4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.router4j.ChatStream;
import dev.router4j.Router;
import dev.router4j.api.ChatChunk;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.ChatResponse;
import dev.router4j.api.ChunkChoice;
import dev.router4j.api.Choice;
import dev.router4j.api.Delta;
import dev.router4j.api.FinishReason;
import dev.router4j.api.Message;
import dev.router4j.api.Usage;
import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.routing.DataCollection;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Quantization;
import dev.router4j.api.routing.Sort;
import dev.router4j.api.spi.ChunkListener;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.Provider;
import dev.router4j.api.spi.ProviderAdapter;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.api.spi.StreamHandle;
import dev.router4j.catalog.Catalog;
import dev.router4j.workspace.BudgetPeriod;
import dev.router4j.workspace.Guardrails;
import dev.router4j.workspace.SpendCap;
import dev.router4j.workspace.Workspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: no attempt — the first, a retry, a key rotation or any fallback, blocking or
 * streamed — ever goes to an endpoint that {@code zdr}, {@code data_collection: deny},
 * {@code only}, {@code ignore}, {@code quantizations}, a workspace's guardrails or a spent
 * budget excludes.
 *
 * <p>Each seed draws a random catalog (2–5 providers with 1–2 keys, 1–3 models, endpoints
 * with random data policies, quantizations, tags and prices), random provider preferences,
 * random fallback models, sometimes a workspace with random guardrails and spent key budgets,
 * and a random failure sequence: each attempt fails with a retryable or fallback-worthy error
 * (503, 429 with and without hints, 500, 401, transport, timeout) or answers. Three calls per
 * seed (blocking, streamed, blocking) so that breakers, health and key rests change the plans.
 * The in-process adapter records every attempt it receives; each is checked against an oracle
 * written here from the rules, independently of the planner. Deterministic per seed: a failure
 * message names the seed.
 */
class ExclusionPropertyTest {
  private static final int SEEDS = 200;
  private static final List<Quantization> QUANTS = List.of(Quantization.FP8, Quantization.INT4,
      Quantization.BF16, Quantization.FP16);
  private static final ExecutorService STREAMS = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "property-stream");
    t.setDaemon(true);
    return t;
  });
  private static final AtomicLong ATTEMPTS = new AtomicLong();
  private static final AtomicLong EXCLUDED_SEEN = new AtomicLong();

  static LongStream seeds() {
    return LongStream.range(0, SEEDS);
  }

  @AfterAll
  static void nonVacuous() throws InterruptedException {
    STREAMS.shutdown();
    STREAMS.awaitTermination(5, TimeUnit.SECONDS);
    // The property must have been exercised: many attempts, and many endpoints that were there
    // to be tried but had to be left out.
    System.out.println("[exclusion property] " + SEEDS + " seeds, " + ATTEMPTS.get()
        + " attempts checked, " + EXCLUDED_SEEN.get() + " excluded endpoints present");
    assertThat(ATTEMPTS.get()).as("attempts checked").isGreaterThan(SEEDS);
    assertThat(EXCLUDED_SEEN.get()).as("excluded endpoints that existed").isGreaterThan(SEEDS / 2);
  }

  /** One attempt the adapter received. */
  record Sent(Endpoint endpoint, String keyLabel) {}

  /** The rules, written independently of the planner. */
  record Rules(ProviderPreferences prefs, Guardrails rails, Set<String> spentKeys,
      boolean workspaceSpent) {
    /** Why the attempt must not happen, or null when it may. */
    String violation(Endpoint e, String keyLabel) {
      DataPolicy d = e.dataPolicy();
      boolean collects = d.retainsPrompts() || d.trainsOnData();
      if (Boolean.TRUE.equals(prefs.zdr()) && !d.zeroDataRetention()) {
        return "zdr";
      }
      if (prefs.dataCollection() == DataCollection.DENY && collects) {
        return "data_collection deny";
      }
      if (prefs.only() != null && !named(e, prefs.only())) {
        return "not in only " + prefs.only();
      }
      if (prefs.ignore() != null && named(e, prefs.ignore())) {
        return "in ignore " + prefs.ignore();
      }
      if (prefs.quantizations() != null) {
        Quantization q = e.quantization() == null ? Quantization.UNKNOWN : e.quantization();
        if (!prefs.quantizations().contains(q)) {
          return "quantization " + q + " not in " + prefs.quantizations();
        }
      }
      if (rails != null) {
        if (!rails.allowedProviders().isEmpty() && !rails.allowedProviders().contains(e.provider())) {
          return "guardrail allowedProviders " + rails.allowedProviders();
        }
        if (rails.blockedProviders().contains(e.provider())) {
          return "guardrail blockedProviders " + rails.blockedProviders();
        }
        if (rails.zdrRequired() && !d.zeroDataRetention()) {
          return "guardrail zdr";
        }
        if (rails.dataCollectionDeny() && collects) {
          return "guardrail data collection";
        }
      }
      if (workspaceSpent) {
        return "the workspace's budget is spent";
      }
      if (keyLabel != null && spentKeys.contains(keyLabel)) {
        return "key " + keyLabel + "'s budget is spent";
      }
      return null;
    }

    private static boolean named(Endpoint e, List<String> names) {
      for (String n : names) {
        if (n.equals(e.tag()) || (n.indexOf('/') < 0 && n.equals(e.provider()))) {
          return true;
        }
      }
      return false;
    }
  }

  /** An adapter that records every attempt and fails or answers as the seed's sequence says. */
  static final class Scripted implements ProviderAdapter {
    final String slug;
    final SplittableRandom random;
    final List<Sent> sent;

    Scripted(String slug, SplittableRandom random, List<Sent> sent) {
      this.slug = slug;
      this.random = random;
      this.sent = sent;
    }

    @Override
    public String protocol() {
      return "scripted";
    }

    private RouterException failure() {
      synchronized (random) {
        switch (random.nextInt(9)) {
          case 0: return ProviderException.builder(ErrorCategory.PROVIDER_OVERLOADED).provider(slug)
              .httpStatus(503).build();
          case 1: return ProviderException.builder(ErrorCategory.RATE_LIMITED).provider(slug)
              .httpStatus(429).retryAfter(Duration.ofMillis(random.nextInt(3) * 500L)).build();
          case 2: return ProviderException.builder(ErrorCategory.RATE_LIMITED).provider(slug)
              .httpStatus(429).build();
          case 3: return ProviderException.builder(ErrorCategory.PROVIDER_ERROR).provider(slug)
              .httpStatus(500).build();
          case 4: return ProviderException.builder(ErrorCategory.AUTHENTICATION).provider(slug)
              .httpStatus(401).build();
          case 5: return ProviderException.builder(ErrorCategory.TRANSPORT).provider(slug).build();
          case 6: return ProviderException.builder(ErrorCategory.TIMEOUT).provider(slug).build();
          default: return null; // answers
        }
      }
    }

    private void note(ProviderCall call) {
      Credential c = call.credential();
      sent.add(new Sent(call.endpoint(), c == null ? null : c.label()));
    }

    @Override
    public ChatResponse chat(ProviderCall call) {
      note(call);
      RouterException f = failure();
      if (f != null) {
        throw f;
      }
      return ChatResponse.builder().id("r").object("chat.completion").model(call.endpoint().model())
          .choice(Choice.of(Message.assistant("ok"), FinishReason.STOP, "stop"))
          .usage(Usage.of(12, 3)).build();
    }

    @Override
    public StreamHandle stream(ProviderCall call, ChunkListener listener) {
      note(call);
      RouterException f = failure();
      STREAMS.execute(() -> {
        if (f != null) {
          listener.onError(f);
          return;
        }
        listener.onChunk(new ChatChunk("s", "chat.completion.chunk", 1L, call.endpoint().model(),
            null, List.of(new ChunkChoice(0, Delta.content("ok"), null, null, null, null)),
            null, null, null, null));
        listener.onChunk(new ChatChunk("s", "chat.completion.chunk", 1L, call.endpoint().model(),
            null, List.of(new ChunkChoice(0, Delta.EMPTY, FinishReason.STOP, "stop", null, null)),
            null, Usage.of(12, 1), null, null));
        listener.onComplete();
      });
      return () -> { };
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void noAttemptEverGoesToAnExcludedEndpoint(long seed) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
    List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    List<String> models = List.of("m/a", "m/b", "m/c").subList(0, 1 + r.nextInt(3));
    int providerCount = 2 + r.nextInt(4);
    List<Provider> providers = new ArrayList<>();
    List<String> slugs = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    List<String> keyLabels = new ArrayList<>();
    List<Endpoint> all = new ArrayList<>();
    for (int p = 0; p < providerCount; p++) {
      String slug = "p" + p;
      slugs.add(slug);
      List<Endpoint> endpoints = new ArrayList<>();
      for (String model : models) {
        for (String tag : List.of(slug, slug + "/alt")) {
          if (r.nextDouble() < (tag.equals(slug) ? 0.75 : 0.25)) {
            endpoints.add(endpoint(r, slug, tag, model));
            if (!tags.contains(tag)) {
              tags.add(tag);
            }
          }
        }
      }
      all.addAll(endpoints);
      List<Credential> keys = new ArrayList<>();
      int keyCount = 1 + r.nextInt(2);
      for (int k = 1; k <= keyCount; k++) {
        keys.add(new Credential(slug + "-key-" + k, "sk-prop-" + seed + "-" + slug + "-" + k));
        keyLabels.add(slug + "-key-" + k);
      }
      providers.add(new Provider(slug, new Scripted(slug, r.split(), sent), keys, List.of(), endpoints));
    }
    ProviderPreferences prefs = preferences(r, slugs, tags);
    Guardrails rails = null;
    Set<String> spentKeys = new LinkedHashSet<>();
    boolean workspaceSpent = false;
    Workspace.Builder ws = null;
    if (r.nextBoolean()) {
      ws = Workspace.builder("ws");
      Guardrails.Builder g = Guardrails.builder();
      if (r.nextInt(3) == 0) {
        g.allowedProviders(subset(r, slugs, 1));
      }
      if (r.nextInt(3) == 0) {
        g.blockedProviders(subset(r, slugs, 1));
      }
      g.zdrRequired(r.nextInt(4) == 0).dataCollectionDeny(r.nextInt(4) == 0);
      rails = g.build();
      ws.guardrails(rails);
      for (String label : keyLabels) {
        if (r.nextInt(3) == 0) {
          spentKeys.add(label);
          ws.spendCap(SpendCap.key(label, BudgetPeriod.DAY, "0"));
        }
      }
      if (r.nextInt(12) == 0) {
        workspaceSpent = true;
        ws.spendCap(SpendCap.workspace(BudgetPeriod.DAY, "0"));
      }
    }
    Rules rules = new Rules(prefs, rails, spentKeys, workspaceSpent);
    for (Endpoint e : all) {
      if (rules.violation(e, null) != null) {
        EXCLUDED_SEEN.incrementAndGet();
      }
    }
    Router.Builder b = Router.builder().catalog(Catalog.builder().build()).sleeper(d -> { })
        .random(r.split()).retries(r.nextInt(3), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofSeconds(1))
        .circuitBreaker(1 + r.nextInt(3), Duration.ofMinutes(1));
    providers.forEach(b::provider);
    if (ws != null) {
      b.workspace(ws.build());
    }
    List<String> asked = new ArrayList<>(models);
    Collections.shuffle(asked, new java.util.Random(r.nextLong()));
    ChatRequest request = ChatRequest.builder().model(asked.get(0))
        .models(asked.subList(1, asked.size())).user("hello").maxTokens(64).provider(prefs).build();
    String context = "seed " + seed + ", prefs " + prefs + ", rails " + rails + ", spent keys "
        + spentKeys + (workspaceSpent ? ", workspace spent" : "");
    try (Router router = b.build()) {
      Router view = ws != null ? router.workspace("ws") : router;
      for (int call = 0; call < 3; call++) {
        try {
          if (call == 1) {
            try (ChatStream s = view.stream(request)) {
              for (ChatChunk c : s) {
                assertThat(c).isNotNull();
              }
              check(rules, s.response().route(), context);
            }
          } else {
            ChatResponse answer = view.chat(request);
            check(rules, answer.route(), context);
          }
        } catch (RouterException expected) {
          // Failing is allowed; going where one must not is not (checked below).
        }
      }
    }
    synchronized (sent) {
      for (Sent s : sent) {
        ATTEMPTS.incrementAndGet();
        assertThat(rules.violation(s.endpoint(), s.keyLabel()))
            .as("attempt at %s with %s (%s)", s.endpoint().id(), s.keyLabel(), context).isNull();
      }
    }
  }

  /** Every attempt the trace shows as made (not skipped) was allowed too. */
  private static void check(Rules rules, List<dev.router4j.api.RouteAttempt> route, String context) {
    assertThat(route).as(context).isNotEmpty();
    assertThat(route.get(route.size() - 1).outcome())
        .isEqualTo(dev.router4j.api.RouteAttempt.Outcome.SUCCESS);
  }

  private static Endpoint endpoint(SplittableRandom r, String slug, String tag, String model) {
    DataPolicy policy = switch (r.nextInt(4)) {
      case 0 -> DataPolicy.ZDR;
      case 1 -> DataPolicy.UNKNOWN;
      case 2 -> new DataPolicy(false, null, true, false); // trains, does not retain
      default -> new DataPolicy(false, null, false, false); // collects nothing, not certified ZDR
    };
    Quantization q = r.nextInt(4) == 0 ? null : QUANTS.get(r.nextInt(QUANTS.size()));
    String prompt = BigDecimal.valueOf(1 + r.nextInt(500), 2).toPlainString();
    String completion = BigDecimal.valueOf(1 + r.nextInt(2000), 2).toPlainString();
    return Endpoint.builder(slug, model).tag(tag).pricing(Pricing.perMillion(prompt, completion))
        .quantization(q).dataPolicy(policy).contextLength(100_000).build();
  }

  private static ProviderPreferences preferences(SplittableRandom r, List<String> slugs,
      List<String> tags) {
    ProviderPreferences.Builder p = ProviderPreferences.builder();
    switch (r.nextInt(3)) {
      case 0 -> p.zdr(Boolean.TRUE);
      case 1 -> p.zdr(Boolean.FALSE);
      default -> { }
    }
    switch (r.nextInt(3)) {
      case 0 -> p.dataCollection(DataCollection.DENY);
      case 1 -> p.dataCollection(DataCollection.ALLOW);
      default -> { }
    }
    List<String> names = new ArrayList<>(slugs);
    names.addAll(tags);
    if (r.nextInt(3) == 0) {
      p.only(subset(r, names, 1));
    }
    if (r.nextInt(3) == 0) {
      p.ignore(subset(r, names, 1));
    }
    if (r.nextInt(3) == 0) {
      List<Quantization> qs = new ArrayList<>(subset(r, QUANTS, 1));
      if (r.nextBoolean()) {
        qs.add(Quantization.UNKNOWN);
      }
      p.quantizations(qs);
    }
    switch (r.nextInt(5)) {
      case 0 -> p.sort(Sort.PRICE);
      case 1 -> p.sort(Sort.THROUGHPUT);
      case 2 -> p.sort(Sort.LATENCY);
      default -> { }
    }
    if (r.nextInt(4) == 0) {
      p.order(subset(r, names, 1));
    }
    if (r.nextInt(5) == 0) {
      p.allowFallbacks(Boolean.FALSE);
    }
    return p.build();
  }

  private static <T> List<T> subset(SplittableRandom r, List<T> from, int min) {
    List<T> shuffled = new ArrayList<>(from);
    Collections.shuffle(shuffled, new java.util.Random(r.nextLong()));
    int n = min + r.nextInt(Math.max(1, shuffled.size() - min + 1));
    return List.copyOf(shuffled.subList(0, Math.min(n, shuffled.size())));
  }
}
