package dev.router4j.api;

import dev.router4j.api.cost.Cost;
import dev.router4j.api.internal.Checks;
import java.util.List;
import java.util.Map;

/**
 * A complete chat answer: what the model said, why it stopped, what it cost and which way the
 * call went.
 *
 * <pre>{@code
 * ChatResponse answer = router.chat(request);
 * answer.text(); answer.usage(); answer.cost(); answer.route();
 * }</pre>
 *
 * @param id the generation id
 * @param object the object type on the wire, {@code chat.completion}, or null
 * @param created when the answer was created, in Unix seconds, or null
 * @param model the model that answered
 * @param provider the provider that answered, or null
 * @param choices the answers (one unless {@code n} was asked for)
 * @param systemFingerprint the provider's configuration fingerprint, or null
 * @param usage the token counts, or null
 * @param cost the exact cost the router computed, or null when it did not
 * @param route every attempt the router made, the answering one last (empty when not routed)
 * @param healing what the router repaired in the answer, or null when nothing
 * @param extra other top-level fields, kept for the round trip
 */
public record ChatResponse(
    String id,
    String object,
    Long created,
    String model,
    String provider,
    List<Choice> choices,
    String systemFingerprint,
    Usage usage,
    Cost cost,
    List<RouteAttempt> route,
    Healing healing,
    Map<String, Object> extra) {

  /** Copies the lists. */
  public ChatResponse {
    choices = Checks.list(choices, "choices");
    route = Checks.list(route, "route");
    extra = Checks.jsonObject(extra);
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this response's fields. */
  public Builder toBuilder() {
    return new Builder().id(id).object(object).created(created).model(model).provider(provider)
        .choices(choices).systemFingerprint(systemFingerprint).usage(usage).cost(cost)
        .route(route).healing(healing).extra(extra);
  }

  /** The first choice's message, or null when there is no choice. */
  public Message message() {
    return choices.isEmpty() ? null : choices.get(0).message();
  }

  /** The first choice's text, empty when there is none. */
  public String text() {
    Message m = message();
    return m == null ? "" : m.text();
  }

  /** The first choice's tool calls, empty when none. */
  public List<ToolCall> toolCalls() {
    Message m = message();
    return m == null ? List.of() : m.toolCalls();
  }

  /** The first choice's normalized finish reason, or null. */
  public FinishReason finishReason() {
    return choices.isEmpty() ? null : choices.get(0).finishReason();
  }

  /** Builds a {@link ChatResponse}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String object;
    private Long created;
    private String model;
    private String provider;
    private List<Choice> choices;
    private String systemFingerprint;
    private Usage usage;
    private Cost cost;
    private List<RouteAttempt> route;
    private Healing healing;
    private Map<String, Object> extra;

    private Builder() {}

    /** The generation id. */
    public Builder id(String v) {
      id = v;
      return this;
    }

    /** The object type. */
    public Builder object(String v) {
      object = v;
      return this;
    }

    /** Creation time in Unix seconds. */
    public Builder created(Long v) {
      created = v;
      return this;
    }

    /** The model that answered. */
    public Builder model(String v) {
      model = v;
      return this;
    }

    /** The provider that answered. */
    public Builder provider(String v) {
      provider = v;
      return this;
    }

    /** The choices. */
    public Builder choices(List<Choice> v) {
      choices = v;
      return this;
    }

    /** One choice. */
    public Builder choice(Choice v) {
      choices = List.of(v);
      return this;
    }

    /** The system fingerprint. */
    public Builder systemFingerprint(String v) {
      systemFingerprint = v;
      return this;
    }

    /** The token counts. */
    public Builder usage(Usage v) {
      usage = v;
      return this;
    }

    /** The computed cost. */
    public Builder cost(Cost v) {
      cost = v;
      return this;
    }

    /** The route trace. */
    public Builder route(List<RouteAttempt> v) {
      route = v;
      return this;
    }

    /** What the router repaired. */
    public Builder healing(Healing v) {
      healing = v;
      return this;
    }

    /** Other fields. */
    public Builder extra(Map<String, Object> v) {
      extra = v;
      return this;
    }

    /** Builds the response. */
    public ChatResponse build() {
      return new ChatResponse(id, object, created, model, provider, choices, systemFingerprint,
          usage, cost, route, healing, extra);
    }
  }
}
