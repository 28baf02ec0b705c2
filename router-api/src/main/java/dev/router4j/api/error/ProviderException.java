package dev.router4j.api.error;

import java.time.Duration;

/**
 * A provider answered with an error, or could not be reached. Carries the provider's own
 * status, type, code and message so that nothing it said is lost, plus the router's
 * classification in {@link #category()}.
 */
public class ProviderException extends RouterException {
  private static final long serialVersionUID = 1L;

  private final String provider;
  private final String model;
  private final int httpStatus;
  private final String providerType;
  private final String providerCode;
  private final String providerMessage;
  private final Duration retryAfter;
  private final Boolean retryableOverride;
  private final Boolean fallbackOverride;
  private final String requestId;

  /** The message, made from the fields when first asked for (most are never read). */
  private transient String message;

  private ProviderException(Builder b) {
    super(b.category, null, b.cause, b.stackTrace);
    this.provider = b.provider;
    this.model = b.model;
    this.httpStatus = b.httpStatus;
    this.providerType = b.providerType;
    this.providerCode = b.providerCode;
    this.providerMessage = b.providerMessage;
    this.retryAfter = b.retryAfter;
    this.retryableOverride = b.retryable;
    this.fallbackOverride = b.fallbackWorthy;
    this.requestId = b.requestId;
  }

  /**
   * Names the provider, the model, the status, the category, the provider's type and code, and
   * the provider's message, for example {@code openai (gpt-4o) answered HTTP 503
   * [PROVIDER_OVERLOADED] type=server_error code=null: The server is overloaded}.
   */
  @Override
  public String getMessage() {
    String m = message;
    if (m == null) {
      m = describe();
      message = m; // a racing thread makes an equal string
    }
    return m;
  }

  private String describe() {
    StringBuilder s = new StringBuilder(64 + (providerMessage == null ? 0 : providerMessage.length()));
    s.append(provider == null ? "provider" : provider);
    if (model != null) {
      s.append(" (").append(model).append(')');
    }
    if (httpStatus > 0) {
      s.append(" answered HTTP ").append(httpStatus);
    } else {
      s.append(" failed");
    }
    s.append(" [").append(category()).append(']');
    if (providerType != null || providerCode != null) {
      s.append(" type=").append(providerType).append(" code=").append(providerCode);
    }
    if (providerMessage != null && !providerMessage.isEmpty()) {
      s.append(": ").append(providerMessage);
    }
    return s.toString();
  }

  /** Starts a builder for the given category. */
  public static Builder builder(ErrorCategory category) {
    return new Builder(category);
  }

  /**
   * A builder holding this exception's fields, to add a detail such as the request id. What it
   * builds records its own stack trace (where {@link Builder#build()} is called) unless told
   * otherwise with {@link Builder#stackTrace(boolean)}, so {@code e.toBuilder().build()} is
   * also how to rethrow an exception made without one with the current thread's trace.
   */
  public Builder toBuilder() {
    Builder b = new Builder(category());
    b.provider = provider;
    b.model = model;
    b.httpStatus = httpStatus;
    b.providerType = providerType;
    b.providerCode = providerCode;
    b.providerMessage = providerMessage;
    b.retryAfter = retryAfter;
    b.retryable = retryableOverride;
    b.fallbackWorthy = fallbackOverride;
    b.requestId = requestId;
    b.cause = getCause();
    return b;
  }

  /** The provider slug, for example {@code openai}. */
  public String provider() {
    return provider;
  }

  /** The model asked for, or null. */
  public String model() {
    return model;
  }

  /** The HTTP status, or 0 when no reply arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The provider's error type (OpenAI {@code type}, Anthropic {@code error.type}), or null. */
  public String providerType() {
    return providerType;
  }

  /** The provider's error code (OpenAI {@code code}, Gemini {@code status}), or null. */
  public String providerCode() {
    return providerCode;
  }

  /** The provider's own message, or null. */
  public String providerMessage() {
    return providerMessage;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public boolean retryable() {
    return retryableOverride != null ? retryableOverride : super.retryable();
  }

  @Override
  public boolean fallbackWorthy() {
    return fallbackOverride != null ? fallbackOverride : super.fallbackWorthy();
  }

  /** The provider's id for the failed request ({@code x-request-id}, {@code request-id}), or null. */
  public String requestId() {
    return requestId;
  }

  /** Builds a {@link ProviderException}. Not thread-safe. */
  public static final class Builder {
    private final ErrorCategory category;
    private String provider;
    private String model;
    private int httpStatus;
    private String providerType;
    private String providerCode;
    private String providerMessage;
    private Duration retryAfter;
    private Boolean retryable;
    private Boolean fallbackWorthy;
    private String requestId;
    private Throwable cause;
    private boolean stackTrace = true;

    private Builder(ErrorCategory category) {
      this.category = java.util.Objects.requireNonNull(category, "category");
    }

    /** The provider slug. */
    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    /** The model asked for. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** The HTTP status, 0 when none. */
    public Builder httpStatus(int httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    /** The provider's error type. */
    public Builder providerType(String providerType) {
      this.providerType = providerType;
      return this;
    }

    /** The provider's error code. */
    public Builder providerCode(String providerCode) {
      this.providerCode = providerCode;
      return this;
    }

    /** The provider's own message. */
    public Builder providerMessage(String providerMessage) {
      this.providerMessage = providerMessage;
      return this;
    }

    /** The wait the provider asked for. */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /** Overrides the category's retry answer (for example OpenAI's {@code insufficient_quota} 429). */
    public Builder retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    /** Overrides the category's fallback answer (a region refusal another provider may not make). */
    public Builder fallbackWorthy(boolean fallbackWorthy) {
      this.fallbackWorthy = fallbackWorthy;
      return this;
    }

    /** The provider's request id, for support tickets. */
    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    /** The underlying cause. */
    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    /**
     * Whether the exception records the stack trace of the thread that builds it (true by
     * default). Adapters turn it off for a provider's error answer during a routed call: the
     * router retries or falls back, and the exception it throws to the caller carries the
     * caller's stack trace, so recording one per failed attempt would cost much and show
     * little. Without it, {@link #getStackTrace()} is empty.
     */
    public Builder stackTrace(boolean record) {
      this.stackTrace = record;
      return this;
    }

    /** Builds the exception. */
    public ProviderException build() {
      return new ProviderException(this);
    }
  }
}
