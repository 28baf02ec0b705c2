package dev.router4j.internal.catalog;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonReader.Token;
import dev.router4j.api.catalog.DataPolicy;
import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.catalog.Model;
import dev.router4j.api.catalog.PriceOverride;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.error.InvalidRequestException;
import dev.router4j.api.routing.Quantization;
import dev.router4j.catalog.CatalogFormatException;
import dev.router4j.catalog.EndpointStats;
import dev.router4j.catalog.EndpointStats.Percentiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okio.Okio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads catalog documents in OpenRouter's shapes with Moshi's streaming reader, straight into
 * the catalog value types (no reflection, no intermediate tree):
 *
 * <ul>
 *   <li>the bundled format and a saved {@code GET /api/v1/models} dump: {@code {data: [model,
 *       ...]}} (a bare array of models is accepted too). A model object may carry an
 *       {@code endpoints} array (the bundled format); one without it gets a single endpoint
 *       made from its {@code top_provider} and {@code pricing}, served by the provider its
 *       author prefix names.
 *   <li>a saved {@code GET /api/v1/models/{author}/{slug}/endpoints} dump: {@code {data: {id,
 *       name, ..., endpoints: [...]}}}.
 * </ul>
 *
 * <p>Prices are read from the JSON text exactly ({@link BigDecimal}, never a double). OpenRouter's
 * sentinel price {@code "-1"} (variable pricing, used by router pseudo-models such as
 * {@code openrouter/auto}) makes the model or endpoint unroutable, so it is skipped; any other
 * negative price is an error. {@code internal_reasoning: "0"} next to a non-zero completion
 * price is OpenRouter's way of saying "no separate reasoning price" and reads as null (reasoning
 * billed at the completion price). Price tiers bounded by a time window ({@code utc_start} /
 * {@code utc_end}) cannot be represented by {@link PriceOverride} and are skipped.
 *
 * <p>Every failure is a {@link CatalogFormatException} naming the source and the JSON path.
 * An instance reads one document and is not thread-safe.
 */
public final class CatalogReader {
  private static final Logger log = LoggerFactory.getLogger(CatalogReader.class);

  /** Which document shape a caller expects. */
  public enum Expect {
    /** Any of the shapes. */
    ANY,
    /** A models list ({@code data} is an array). */
    MODELS,
    /** One model's endpoints ({@code data} is an object). */
    ENDPOINTS
  }

  /**
   * One model object of a document.
   *
   * @param model the model
   * @param modelComplete whether the model came from a models list (complete metadata) rather
   *     than the header of an endpoints dump
   * @param endpoints its endpoints
   * @param endpointsListed whether the document listed the endpoints (then they replace the
   *     model's known endpoints); false when the single endpoint was made from
   *     {@code top_provider} (then it is used only for a model with no endpoints)
   * @param stats statistics by endpoint id
   */
  public record Entry(Model model, boolean modelComplete, List<Endpoint> endpoints,
      boolean endpointsListed, Map<String, EndpointStats> stats) {}

  /**
   * A document read.
   *
   * @param pricesTaken the {@code prices_taken} date, or null
   * @param entries the models, in document order
   */
  public record Document(LocalDate pricesTaken, List<Entry> entries) {}

  private static final JsonReader.Options TOP = JsonReader.Options.of("data", "prices_taken");
  private static final JsonReader.Options MODEL = JsonReader.Options.of(
      "id", "canonical_slug", "name", "created", "description", "context_length",
      "architecture", "pricing", "top_provider", "supported_parameters", "default_parameters",
      "endpoints", "distillable");
  private static final JsonReader.Options ARCHITECTURE = JsonReader.Options.of(
      "input_modalities", "output_modalities", "tokenizer", "modality");
  private static final String[] PRICE_FIELDS = {
      "prompt", "completion", "request", "image", "web_search", "internal_reasoning",
      "input_cache_read", "input_cache_write", "input_cache_write_1h"};
  private static final JsonReader.Options PRICING = JsonReader.Options.of(
      "prompt", "completion", "request", "image", "web_search", "internal_reasoning",
      "input_cache_read", "input_cache_write", "input_cache_write_1h", "overrides");
  private static final JsonReader.Options OVERRIDE = JsonReader.Options.of(
      "min_prompt_tokens", "prompt", "completion", "input_cache_read", "input_cache_write",
      "utc_start", "utc_end");
  private static final JsonReader.Options TOP_PROVIDER = JsonReader.Options.of(
      "context_length", "max_completion_tokens", "is_moderated");
  private static final JsonReader.Options ENDPOINT = JsonReader.Options.of(
      "name", "provider_model_id", "provider_name", "provider", "tag", "context_length",
      "max_completion_tokens", "max_prompt_tokens", "pricing", "quantization",
      "supported_parameters", "status", "uptime_last_30m", "supports_implicit_caching",
      "is_moderated", "data_policy", "throughput_last_30m", "latency_last_30m");
  private static final JsonReader.Options POLICY = JsonReader.Options.of(
      "training", "retains_prompts", "retention_days", "zdr");
  private static final JsonReader.Options PERCENTILES = JsonReader.Options.of(
      "p50", "p75", "p90", "p99");

  private static final BigDecimal MINUS_ONE = BigDecimal.ONE.negate();
  /** Marks a pricing block holding OpenRouter's variable-price sentinel ("-1"). */
  private static final Pricing VARIABLE = Pricing.perToken("0", "0");
  private static final Map<String, Quantization> QUANTIZATIONS = new HashMap<>();
  private static final Map<String, String> AUTHOR_PROVIDERS = Map.of(
      "google", "google-ai-studio",
      "x-ai", "xai",
      "mistralai", "mistral",
      "qwen", "alibaba");

  static {
    for (Quantization q : Quantization.values()) {
      QUANTIZATIONS.put(q.wireName(), q);
    }
  }

  private final JsonReader r;
  private final String source;
  /** Parameter and modality lists shared between endpoints: most are identical. */
  private final Map<List<String>, Set<String>> stringSets = new HashMap<>();
  private final Map<List<String>, List<String>> stringLists = new HashMap<>();

  private CatalogReader(JsonReader r, String source) {
    this.r = r;
    this.source = source;
  }

  /**
   * Reads one document and closes the stream.
   *
   * @param in the JSON
   * @param source the name to use in error messages (a file name)
   * @param expect the shape required
   * @return the document
   * @throws CatalogFormatException when the document is malformed or of another shape
   * @throws UncheckedIOException when the stream cannot be read
   */
  public static Document read(InputStream in, String source, Expect expect) {
    JsonReader r = JsonReader.of(Okio.buffer(Okio.source(in)));
    try {
      return new CatalogReader(r, source).document(expect);
    } catch (JsonEncodingException e) {
      throw new CatalogFormatException(source, path(r), "malformed JSON: " + stripPath(e), e);
    } catch (JsonDataException e) {
      throw new CatalogFormatException(source, path(r), stripPath(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog " + source + ": " + e.getMessage(), e);
    } finally {
      try {
        r.close();
      } catch (IOException ignored) {
        // nothing was written; a failed close loses nothing
      }
    }
  }

  private static String path(JsonReader r) {
    try {
      return r.getPath();
    } catch (RuntimeException e) {
      return "$";
    }
  }

  private static String stripPath(Exception e) {
    String m = String.valueOf(e.getMessage());
    int at = m.lastIndexOf(" at path ");
    return at < 0 ? m : m.substring(0, at);
  }

  // ---- document --------------------------------------------------------------------------

  private Document document(Expect expect) throws IOException {
    List<Entry> entries = new ArrayList<>();
    LocalDate pricesTaken = null;
    Token t = r.peek();
    if (t == Token.BEGIN_ARRAY) {
      if (expect == Expect.ENDPOINTS) {
        throw fail("$", "expected an endpoints dump {\"data\": {\"id\": ..., \"endpoints\": [...]}},"
            + " found an array of models");
      }
      readModels("$", entries);
    } else if (t == Token.BEGIN_OBJECT) {
      boolean sawData = false;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(TOP)) {
          case 0 -> {
            Token dt = r.peek();
            if (dt == Token.BEGIN_ARRAY) {
              if (expect == Expect.ENDPOINTS) {
                throw fail(r.getPath(), "expected an endpoints dump ({\"data\": {\"id\": ..., "
                    + "\"endpoints\": [...]}}), found a models list");
              }
              readModels("$.data", entries);
            } else if (dt == Token.BEGIN_OBJECT) {
              if (expect == Expect.MODELS) {
                throw fail(r.getPath(), "expected a models list ({\"data\": [...]}), found an"
                    + " endpoints dump");
              }
              Entry e = readModel("$.data", true);
              if (e != null) {
                entries.add(e);
              }
            } else {
              throw fail(r.getPath(),
                  "expected an array of models or a model with endpoints, was " + describe(dt));
            }
            sawData = true;
          }
          case 1 -> pricesTaken = date();
          default -> {
            r.skipName();
            r.skipValue();
          }
        }
      }
      r.endObject();
      if (!sawData) {
        throw fail("$", "no \"data\" field: not an OpenRouter models or endpoints document");
      }
    } else {
      throw fail("$", "expected a JSON object with a \"data\" field, was " + describe(t));
    }
    if (r.peek() != Token.END_DOCUMENT) {
      throw fail(r.getPath(), "unexpected content after the document");
    }
    return new Document(pricesTaken, entries);
  }

  private void readModels(String arrayPath, List<Entry> entries) throws IOException {
    r.beginArray();
    int i = 0;
    while (r.hasNext()) {
      Entry e = readModel(arrayPath + "[" + i + "]", false);
      if (e != null) {
        entries.add(e);
      }
      i++;
    }
    r.endArray();
  }

  // ---- model -----------------------------------------------------------------------------

  private Entry readModel(String path, boolean endpointsDump) throws IOException {
    if (r.peek() != Token.BEGIN_OBJECT) {
      throw fail(r.getPath(), "expected a model object, was " + describe(r.peek()));
    }
    String id = null;
    String canonical = null;
    String name = null;
    String description = null;
    String tokenizer = null;
    String modality = null;
    long created = 0;
    Integer context = null;
    List<String> inputs = null;
    List<String> outputs = null;
    Set<String> params = null;
    Map<String, Object> defaults = null;
    boolean distillable = false;
    Pricing pricing = null;
    Integer topContext = null;
    Integer topMaxCompletion = null;
    boolean topModerated = false;
    List<RawEndpoint> raws = null;

    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(MODEL)) {
        case 0 -> id = requiredString();
        case 1 -> canonical = string();
        case 2 -> name = string();
        case 3 -> {
          Long c = longValue();
          created = c == null ? 0 : c;
        }
        case 4 -> description = string();
        case 5 -> context = integer();
        case 6 -> {
          if (nullValue()) {
            break;
          }
          expectObject();
          r.beginObject();
          while (r.hasNext()) {
            switch (r.selectName(ARCHITECTURE)) {
              case 0 -> inputs = stringList();
              case 1 -> outputs = stringList();
              case 2 -> tokenizer = string();
              case 3 -> modality = string();
              default -> {
                r.skipName();
                r.skipValue();
              }
            }
          }
          r.endObject();
        }
        case 7 -> pricing = pricing();
        case 8 -> {
          if (nullValue()) {
            break;
          }
          expectObject();
          r.beginObject();
          while (r.hasNext()) {
            switch (r.selectName(TOP_PROVIDER)) {
              case 0 -> topContext = integer();
              case 1 -> topMaxCompletion = integer();
              case 2 -> topModerated = bool(false);
              default -> {
                r.skipName();
                r.skipValue();
              }
            }
          }
          r.endObject();
        }
        case 9 -> params = stringSet();
        case 10 -> defaults = jsonObject();
        case 11 -> raws = endpoints();
        case 12 -> distillable = bool(false);
        default -> {
          r.skipName();
          r.skipValue();
        }
      }
    }
    r.endObject();

    if (id == null || id.isBlank()) {
      throw fail(path + ".id", "is required");
    }
    if (raws == null && pricing == VARIABLE) {
      log.debug("{}: skipping {} (variable pricing)", source, id);
      return null;
    }
    if (inputs == null && modality != null) {
      inputs = modalities(modality, true);
      outputs = outputs == null ? modalities(modality, false) : outputs;
    }
    if (context == null) {
      context = topContext;
    }
    if (context == null && raws != null) {
      int max = 0;
      for (RawEndpoint raw : raws) {
        max = raw.context == null ? max : Math.max(max, raw.context);
      }
      context = max > 0 ? max : null;
    }
    Model model;
    try {
      model = new Model(id, canonical, name, created, description, context == null ? 0 : context,
          inputs, outputs, tokenizer, params, defaults, distillable);
    } catch (InvalidRequestException | IllegalArgumentException e) {
      throw fail(path, "invalid model: " + e.getMessage(), e);
    }

    if (raws != null) {
      List<Endpoint> endpoints = new ArrayList<>(raws.size());
      Map<String, EndpointStats> stats = new HashMap<>();
      for (RawEndpoint raw : raws) {
        String epPath = path + ".endpoints[" + raw.index + "]";
        if (raw.pricing == VARIABLE) {
          log.debug("{}: skipping {} (variable pricing)", source, epPath);
          continue;
        }
        Endpoint e = raw.toEndpoint(id, context, epPath);
        endpoints.add(e);
        if (raw.hasStats()) {
          try {
            stats.put(e.id(), new EndpointStats(raw.uptime, raw.throughput, raw.latency));
          } catch (IllegalArgumentException ex) {
            throw fail(epPath, ex.getMessage(), ex);
          }
        }
      }
      return new Entry(model, !endpointsDump, endpoints, true, stats);
    }
    if (pricing == null) {
      return new Entry(model, !endpointsDump, List.of(), false, Map.of());
    }
    // A models-list entry: one endpoint from top_provider, at the model's prices.
    Integer epContext = topContext != null ? topContext : context;
    if (epContext == null || epContext < 1) {
      throw fail(path + ".context_length", "is required (neither the model nor top_provider has it)");
    }
    String provider = providerForAuthor(id);
    Endpoint synthesized;
    try {
      synthesized = new Endpoint(provider, provider, null, id, upstreamFromSlug(id), pricing,
          epContext, topMaxCompletion, null, Quantization.UNKNOWN, params, null, topModerated,
          false, 0);
    } catch (InvalidRequestException | IllegalArgumentException e) {
      throw fail(path + ".top_provider", e.getMessage(), e);
    }
    return new Entry(model, !endpointsDump, List.of(synthesized), false, Map.of());
  }

  /** The provider serving a model in a models dump: its author, under its API slug. */
  static String providerForAuthor(String modelId) {
    int slash = modelId.indexOf('/');
    String author = slash < 0 ? modelId : modelId.substring(0, slash);
    return AUTHOR_PROVIDERS.getOrDefault(author, author);
  }

  /** {@code author/slug:variant} to {@code slug}. */
  static String upstreamFromSlug(String modelId) {
    int slash = modelId.indexOf('/');
    String s = slash < 0 ? modelId : modelId.substring(slash + 1);
    int colon = s.indexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  private List<String> modalities(String modality, boolean input) {
    int arrow = modality.indexOf("->");
    String side = arrow < 0 ? modality : input ? modality.substring(0, arrow)
        : modality.substring(arrow + 2);
    return intern(Arrays.asList(side.split("\\+")));
  }

  // ---- endpoints -------------------------------------------------------------------------

  /** An endpoint as read, before its model's id is known. */
  private final class RawEndpoint {
    int index;
    String provider;
    String tag;
    String providerName;
    String upstream;
    Integer context;
    Integer maxCompletion;
    Integer maxPrompt;
    Pricing pricing;
    Quantization quantization = Quantization.UNKNOWN;
    Set<String> params;
    int status;
    Double uptime;
    boolean implicitCaching;
    boolean moderated;
    DataPolicy policy;
    Percentiles throughput;
    Percentiles latency;

    boolean hasStats() {
      return uptime != null || throughput != null || latency != null;
    }

    Endpoint toEndpoint(String model, Integer modelContext, String path) {
      String p = provider;
      if (p == null && tag != null) {
        int slash = tag.indexOf('/');
        p = slash < 0 ? tag : tag.substring(0, slash);
      }
      if (p == null && providerName != null) {
        p = slugify(providerName);
      }
      if (p == null || p.isEmpty()) {
        throw fail(path + ".tag", "is required (no tag, provider or provider_name)");
      }
      if (pricing == null) {
        throw fail(path + ".pricing", "is required");
      }
      Integer ctx = context != null ? context : modelContext;
      if (ctx == null) {
        throw fail(path + ".context_length", "is required");
      }
      try {
        return new Endpoint(p, tag == null ? p : tag, providerName, model, upstream, pricing, ctx,
            maxCompletion, maxPrompt, quantization, params, policy, moderated, implicitCaching,
            status);
      } catch (InvalidRequestException e) {
        String field = e.field();
        throw fail(field == null ? path : path + "." + field, e.getMessage()
            .substring(field == null ? 0 : field.length() + 2), e);
      } catch (IllegalArgumentException e) {
        throw fail(path, e.getMessage(), e);
      }
    }
  }

  private List<RawEndpoint> endpoints() throws IOException {
    if (nullValue()) {
      return List.of();
    }
    expectArray();
    List<RawEndpoint> list = new ArrayList<>();
    r.beginArray();
    int i = 0;
    while (r.hasNext()) {
      expectObject();
      RawEndpoint e = new RawEndpoint();
      e.index = i++;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(ENDPOINT)) {
          case 0 -> r.skipValue(); // name: "Provider | model", derived
          case 1 -> e.upstream = string();
          case 2 -> e.providerName = string();
          case 3 -> e.provider = string();
          case 4 -> e.tag = string();
          case 5 -> e.context = integer();
          case 6 -> e.maxCompletion = integer();
          case 7 -> e.maxPrompt = integer();
          case 8 -> e.pricing = pricing();
          case 9 -> e.quantization = quantization();
          case 10 -> e.params = stringSet();
          case 11 -> {
            Integer s = integer();
            e.status = s == null ? 0 : s;
          }
          case 12 -> e.uptime = dbl();
          case 13 -> e.implicitCaching = bool(false);
          case 14 -> e.moderated = bool(false);
          case 15 -> e.policy = dataPolicy();
          case 16 -> e.throughput = percentiles();
          case 17 -> e.latency = percentiles();
          default -> {
            r.skipName();
            r.skipValue();
          }
        }
      }
      r.endObject();
      list.add(e);
    }
    r.endArray();
    return list;
  }

  private Quantization quantization() throws IOException {
    String s = string();
    if (s == null) {
      return Quantization.UNKNOWN;
    }
    Quantization q = QUANTIZATIONS.get(s);
    if (q == null) {
      q = QUANTIZATIONS.getOrDefault(s.trim().toLowerCase(Locale.ROOT), Quantization.UNKNOWN);
    }
    return q;
  }

  private DataPolicy dataPolicy() throws IOException {
    if (nullValue()) {
      return null;
    }
    expectObject();
    Boolean training = null;
    Boolean retains = null;
    Integer days = null;
    Boolean zdr = null;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(POLICY)) {
        case 0 -> training = boolOrNull();
        case 1 -> retains = boolOrNull();
        case 2 -> {
          days = integer();
          if (days != null && days < 0) {
            throw fail(r.getPath(), "must not be negative, was " + days);
          }
        }
        case 3 -> zdr = boolOrNull();
        default -> {
          r.skipName();
          r.skipValue();
        }
      }
    }
    r.endObject();
    boolean z = zdr != null && zdr;
    boolean t = training != null && training;
    boolean keeps = retains != null ? retains : !z;
    if (z && (keeps || t)) {
      throw fail(r.getPath(), "zdr is true but the endpoint retains or trains on prompts");
    }
    return new DataPolicy(keeps, days, t, z);
  }

  private Percentiles percentiles() throws IOException {
    Token t = r.peek();
    if (t == Token.NULL) {
      r.nextNull();
      return null;
    }
    try {
      if (t == Token.NUMBER) {
        return Percentiles.of(r.nextDouble());
      }
      expectObject();
      Double[] v = new Double[4];
      r.beginObject();
      while (r.hasNext()) {
        int k = r.selectName(PERCENTILES);
        if (k < 0) {
          r.skipName();
          r.skipValue();
        } else {
          v[k] = dbl();
        }
      }
      r.endObject();
      return new Percentiles(v[0], v[1], v[2], v[3]);
    } catch (IllegalArgumentException e) {
      throw fail(r.getPath(), e.getMessage(), e);
    }
  }

  // ---- pricing ---------------------------------------------------------------------------

  private Pricing pricing() throws IOException {
    if (nullValue()) {
      return null;
    }
    expectObject();
    BigDecimal[] v = new BigDecimal[PRICE_FIELDS.length];
    List<PriceOverride> overrides = null;
    boolean variable = false;
    r.beginObject();
    while (r.hasNext()) {
      int k = r.selectName(PRICING);
      if (k < 0) {
        r.skipName();
        r.skipValue();
      } else if (k == PRICE_FIELDS.length) {
        overrides = overrides();
      } else {
        BigDecimal d = price();
        if (d != null && d.signum() < 0) {
          if (d.compareTo(MINUS_ONE) != 0) {
            throw fail(r.getPath(), "must not be negative, was " + d.toPlainString());
          }
          variable = true;
        }
        v[k] = d;
      }
    }
    r.endObject();
    if (variable) {
      return VARIABLE;
    }
    String at = r.getPath();
    if (v[0] == null) {
      throw fail(at + ".prompt", "is required");
    }
    if (v[1] == null) {
      throw fail(at + ".completion", "is required");
    }
    if (v[5] != null && v[5].signum() == 0 && v[1].signum() != 0) {
      v[5] = null; // OpenRouter lists "0": no separate price, reasoning bills as completion
    }
    try {
      return new Pricing(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], overrides);
    } catch (InvalidRequestException | IllegalArgumentException e) {
      throw fail(at, e.getMessage(), e);
    }
  }

  private List<PriceOverride> overrides() throws IOException {
    if (nullValue()) {
      return null;
    }
    expectArray();
    List<PriceOverride> list = new ArrayList<>();
    r.beginArray();
    while (r.hasNext()) {
      expectObject();
      Integer min = null;
      BigDecimal[] v = new BigDecimal[4];
      boolean window = false;
      r.beginObject();
      while (r.hasNext()) {
        int k = r.selectName(OVERRIDE);
        switch (k) {
          case 0 -> {
            min = integer();
            if (min != null && min < 0) {
              throw fail(r.getPath(), "must not be negative, was " + min);
            }
          }
          case 1, 2, 3, 4 -> {
            BigDecimal d = price();
            if (d != null && d.signum() < 0) {
              throw fail(r.getPath(), "must not be negative, was " + d.toPlainString());
            }
            v[k - 1] = d;
          }
          case 5, 6 -> {
            if (!nullValue()) {
              window = true;
              r.skipValue();
            }
          }
          default -> {
            r.skipName();
            r.skipValue();
          }
        }
      }
      r.endObject();
      if (window) {
        log.debug("{}: skipping a time-window price override at {}", source, r.getPath());
        continue;
      }
      list.add(new PriceOverride(min == null ? 0 : min, v[0], v[1], v[2], v[3]));
    }
    r.endArray();
    return list;
  }

  private BigDecimal price() throws IOException {
    Token t = r.peek();
    switch (t) {
      case NULL:
        r.nextNull();
        return null;
      case STRING:
      case NUMBER:
        String text = r.nextString();
        try {
          return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
          throw fail(r.getPath(), "expected a decimal price such as \"0.000002\", was \""
              + text + "\"", e);
        }
      default:
        throw fail(r.getPath(), "expected a decimal price such as \"0.000002\", was "
            + describe(t));
    }
  }

  // ---- scalars ---------------------------------------------------------------------------

  private LocalDate date() throws IOException {
    String s = string();
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    } catch (DateTimeParseException e) {
      throw fail(r.getPath(), "expected a date such as \"2025-11-30\", was \"" + s + "\"", e);
    }
  }

  private boolean nullValue() throws IOException {
    if (r.peek() == Token.NULL) {
      r.nextNull();
      return true;
    }
    return false;
  }

  private void expectObject() throws IOException {
    Token t = r.peek();
    if (t != Token.BEGIN_OBJECT) {
      throw fail(r.getPath(), "expected an object, was " + describe(t));
    }
  }

  private void expectArray() throws IOException {
    Token t = r.peek();
    if (t != Token.BEGIN_ARRAY) {
      throw fail(r.getPath(), "expected an array, was " + describe(t));
    }
  }

  private String requiredString() throws IOException {
    Token t = r.peek();
    if (t != Token.STRING) {
      throw fail(r.getPath(), "expected a string, was " + describe(t));
    }
    return r.nextString();
  }

  private String string() throws IOException {
    Token t = r.peek();
    if (t == Token.NULL) {
      r.nextNull();
      return null;
    }
    if (t != Token.STRING) {
      throw fail(r.getPath(), "expected a string, was " + describe(t));
    }
    return r.nextString();
  }

  private Integer integer() throws IOException {
    Token t = r.peek();
    if (t == Token.NULL) {
      r.nextNull();
      return null;
    }
    if (t != Token.NUMBER && t != Token.STRING) {
      throw fail(r.getPath(), "expected an integer, was " + describe(t));
    }
    try {
      return r.nextInt();
    } catch (JsonDataException | NumberFormatException e) {
      throw fail(r.getPath(), "expected an integer, was " + quoted(), e);
    }
  }

  private Long longValue() throws IOException {
    Token t = r.peek();
    if (t == Token.NULL) {
      r.nextNull();
      return null;
    }
    if (t != Token.NUMBER) {
      throw fail(r.getPath(), "expected an integer, was " + describe(t));
    }
    try {
      return r.nextLong();
    } catch (JsonDataException | NumberFormatException e) {
      throw fail(r.getPath(), "expected an integer, was " + quoted(), e);
    }
  }

  private Double dbl() throws IOException {
    Token t = r.peek();
    if (t == Token.NULL) {
      r.nextNull();
      return null;
    }
    if (t != Token.NUMBER) {
      throw fail(r.getPath(), "expected a number, was " + describe(t));
    }
    return r.nextDouble();
  }

  /** The value the reader failed to convert, which Moshi leaves buffered. */
  private String quoted() {
    try {
      return "\"" + r.nextString() + "\"";
    } catch (IOException | RuntimeException e) {
      return "another value";
    }
  }

  private boolean bool(boolean ifNull) throws IOException {
    Boolean b = boolOrNull();
    return b == null ? ifNull : b;
  }

  private Boolean boolOrNull() throws IOException {
    Token t = r.peek();
    if (t == Token.NULL) {
      r.nextNull();
      return null;
    }
    if (t != Token.BOOLEAN) {
      throw fail(r.getPath(), "expected true or false, was " + describe(t));
    }
    return r.nextBoolean();
  }

  private List<String> stringList() throws IOException {
    if (nullValue()) {
      return null;
    }
    expectArray();
    List<String> list = new ArrayList<>();
    r.beginArray();
    while (r.hasNext()) {
      String s = string();
      if (s != null) {
        list.add(s);
      }
    }
    r.endArray();
    return intern(list);
  }

  private Set<String> stringSet() throws IOException {
    List<String> list = stringList();
    if (list == null) {
      return null;
    }
    Set<String> set = stringSets.get(list);
    if (set == null) {
      set = Set.copyOf(list);
      stringSets.put(list, set);
    }
    return set;
  }

  private List<String> intern(List<String> list) {
    List<String> shared = stringLists.get(list);
    if (shared == null) {
      shared = List.copyOf(list);
      stringLists.put(shared, shared);
    }
    return shared;
  }

  private Map<String, Object> jsonObject() throws IOException {
    if (nullValue()) {
      return null;
    }
    expectObject();
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) jsonValue();
    return m;
  }

  /** A JSON value as a tree; numbers as {@link BigDecimal}, like the chat codec's trees. */
  private Object jsonValue() throws IOException {
    Token t = r.peek();
    switch (t) {
      case BEGIN_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) {
          String k = r.nextName();
          m.put(k, jsonValue());
        }
        r.endObject();
        return Collections.unmodifiableMap(m);
      }
      case BEGIN_ARRAY: {
        List<Object> l = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
          l.add(jsonValue());
        }
        r.endArray();
        return Collections.unmodifiableList(l);
      }
      case STRING:
        return r.nextString();
      case NUMBER:
        return new BigDecimal(r.nextString());
      case BOOLEAN:
        return r.nextBoolean();
      case NULL:
        return r.nextNull();
      default:
        throw fail(r.getPath(), "expected a JSON value, was " + describe(t));
    }
  }

  // ---- failures --------------------------------------------------------------------------

  private CatalogFormatException fail(String path, String detail) {
    return new CatalogFormatException(source, path, detail, null);
  }

  private CatalogFormatException fail(String path, String detail, Throwable cause) {
    return new CatalogFormatException(source, path, detail, cause);
  }

  private static String describe(Token t) {
    return switch (t) {
      case BEGIN_OBJECT -> "an object";
      case BEGIN_ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case END_DOCUMENT -> "the end of the document";
      default -> t.toString();
    };
  }

  private static String slugify(String name) {
    StringBuilder b = new StringBuilder(name.length());
    boolean dash = false;
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
        dash = false;
      } else if (!dash && b.length() > 0) {
        b.append('-');
        dash = true;
      }
    }
    int n = b.length();
    return n > 0 && b.charAt(n - 1) == '-' ? b.substring(0, n - 1) : b.toString();
  }
}
