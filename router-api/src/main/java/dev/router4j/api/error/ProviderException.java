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

  private ProviderException(Builder b) {
    super(b.category, describe(b), b.cause);
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

  private static String describe(Builder b) {
    StringBuilder s = new StringBuilder();
    s.append(b.provider == null ? "provider" : b.provider);
    if (b.model != null) {
      s.append(" (").append(b.model).append(')');
    }
    s.append(' ');
    s.append(b.httpStatus > 0 ? "answered HTTP " + b.httpStatus : "failed");
    s.append(" [").append(b.category).append(']');
    if (b.providerType != null || b.providerCode != null) {
      s.append(" type=").append(b.providerType).append(" code=").append(b.providerCode);
    }
    if (b.providerMessage != null && !b.providerMessage.isEmpty()) {
      s.append(": ").append(b.providerMessage);
    }
    return s.toString();
  }

  /** Starts a builder for the given category. */
  public static Builder builder(ErrorCategory category) {
    return new Builder(category);
  }

  /** A builder holding this exception's fields, to add a detail such as the request id. */
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

    /** Builds the exception. */
    public ProviderException build() {
      return new ProviderException(this);
    }
  }
}
