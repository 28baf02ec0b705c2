package dev.router4j.providers.internal.http;

import dev.router4j.api.error.ErrorCategory;
import dev.router4j.api.error.ProviderException;
import dev.router4j.api.error.RouterException;
import dev.router4j.api.spi.Credential;
import dev.router4j.api.spi.ProviderCall;
import dev.router4j.providers.internal.json.JsonTrees;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import okio.ByteString;

/**
 * The HTTP exchange every adapter shares: JSON request bodies, calls bounded by the attempt's
 * timeout (except pulled streams, whose reader keeps the time), and the non-streamed round trip (execute, classify a non-2xx reply, read a 2xx
 * one, close) with every failure classified by the shared {@link ErrorClassifier} and without
 * the call's secret. Every 2xx body is read through the provider's {@link BodyLimit}. Streams
 * go through {@link SseStreamCall}. Thread-safe.
 */
public final class ProviderHttp {
  private final OkHttpClient client;
  private final String provider;
  private final ErrorClassifier errors;
  private final long maxResponseBytes;
  /** The classifier made for the latest failed attempt, with its credential; or null. */
  private volatile Redacting lastAttempt;

  /** The exchange for one provider, with a classifier of its own and the default cap. */
  public ProviderHttp(OkHttpClient client, String provider) {
    this(client, provider, BodyLimit.DEFAULT_MAX_BYTES);
  }

  /** The exchange for one provider, with a classifier of its own. */
  public ProviderHttp(OkHttpClient client, String provider, long maxResponseBytes) {
    this(client, provider, new ErrorClassifier(), maxResponseBytes);
  }

  /**
   * The exchange for one provider.
   *
   * @param errors the classifier; one made by {@link ErrorClassifier#redacting(String...)}
   *     removes a secret fixed for every call
   * @param maxResponseBytes the most bytes read of one reply or stream
   * @throws IllegalArgumentException when {@code maxResponseBytes} is not positive
   */
  public ProviderHttp(
      OkHttpClient client, String provider, ErrorClassifier errors, long maxResponseBytes) {
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be positive, was " + maxResponseBytes);
    }
    this.client = Objects.requireNonNull(client, "client");
    this.provider = provider;
    this.errors = Objects.requireNonNull(errors, "errors");
    this.maxResponseBytes = maxResponseBytes;
  }

  /** The provider slug put on errors. */
  public String provider() {
    return provider;
  }

  /** The classifier, before any call's secret is added to it. */
  public ErrorClassifier errors() {
    return errors;
  }

  /** The most bytes read of one reply or stream. */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * The reply's body, failing with {@link BodyLimit.TooLarge} once more than {@link
   * #maxResponseBytes()} have been read.
   */
  public BufferedSource body(Response response) {
    return BodyLimit.source(response.body(), maxResponseBytes, provider);
  }

  /** Reads a 2xx reply; an {@link IOException} while reading is a transport failure. */
  @FunctionalInterface
  public interface Reader<T> {
    /** Reads the reply; the exchange closes it afterwards. */
    T read(Response response) throws IOException;
  }

  /** Builds the JSON tree of a request body. */
  @FunctionalInterface
  public interface Tree {
    /** The tree (maps, lists, strings, numbers, booleans, nulls). */
    Object build() throws IOException;
  }

  /**
   * A JSON request body. A tree that cannot be built or written is the caller's fault: a
   * {@link RouterException} of category {@link ErrorCategory#INVALID_REQUEST}.
   *
   * @param keepNulls whether members whose value is null are written
   */
  public RequestBody json(Tree tree, boolean keepNulls, MediaType type) {
    try {
      return RequestBody.create(JsonTrees.encode(tree.build(), keepNulls), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new RouterException(ErrorCategory.INVALID_REQUEST,
          "could not encode the request for " + provider + ": " + e.getMessage(), e);
    }
  }

  /** Writes a request body as JSON bytes, without a tree. */
  @FunctionalInterface
  public interface Encoded {
    /** The body as UTF-8 JSON. */
    ByteString encode() throws IOException;
  }

  /**
   * A JSON request body already encoded. A body that cannot be encoded is the caller's fault,
   * as for {@link #json(Tree, boolean, MediaType)}.
   */
  public RequestBody json(Encoded encoded, MediaType type) {
    try {
      return RequestBody.create(encoded.encode(), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new RouterException(ErrorCategory.INVALID_REQUEST,
          "could not encode the request for " + provider + ": " + e.getMessage(), e);
    }
  }

  /** A POST of {@code body} that accepts JSON, or an event stream when {@code stream}. */
  public static Request.Builder post(HttpUrl url, RequestBody body, boolean stream) {
    return new Request.Builder().url(url).post(body)
        .header("Accept", stream ? "text/event-stream" : "application/json");
  }

  /** A call with no timeout of its own but the client's (connect, read, write). */
  public Call newCall(Request request) {
    return client.newCall(request);
  }

  /** A call whose whole exchange (a stream's too) must end within {@code timeout}. */
  public Call newCall(Request request, Duration timeout) {
    Call call = client.newCall(request);
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return call;
  }

  /**
   * {@link #execute(Request, Duration, String, Credential, Reader)} for one attempt of a routed
   * chat call. The exceptions for an error reply or a transport failure carry no stack trace
   * ({@link ErrorClassifier#withoutStackTraces()}): the router falls back on most of them, and
   * the exception it throws to its caller has the caller's stack trace.
   */
  public <T> T execute(Request request, ProviderCall call, Reader<T> reader) {
    return execute(request, call.timeout(), call.endpoint().model(), call.credential(), reader,
        true);
  }

  /**
   * Sends the request and reads the reply: a non-2xx reply is the classified provider error,
   * a failure to send or to read is a transport failure, and no exception that leaves holds
   * the credential's secret.
   *
   * @param model the model asked for, for errors (may be null)
   * @param credential the credential sent, whose secret is scrubbed (may be null)
   * @throws RouterException for every failure
   */
  public <T> T execute(Request request, Duration timeout, String model, Credential credential,
      Reader<T> reader) {
    return execute(request, timeout, model, credential, reader, false);
  }

  private <T> T execute(Request request, Duration timeout, String model, Credential credential,
      Reader<T> reader, boolean attempt) {
    ProviderException refused;
    try (Response response = newCall(request, timeout).execute()) {
      if (response.isSuccessful()) {
        return reader.read(response);
      }
      // Classified while the body is open, thrown once it is closed; already scrubbed.
      refused = classifier(credential, attempt).classify(response, provider, model);
    } catch (IOException e) {
      throw classifier(credential, attempt).classifyTransport(e, provider, model);
    } catch (RouterException e) {
      throw errors.redacting(credential).scrub(e); // a reader's: it keeps its stack trace
    }
    throw refused;
  }

  /**
   * The classifier with the call's secret; for an attempt, without stack traces. The last one
   * made for an attempt is kept, since a provider usually has one key and the failures of a
   * down endpoint come one after another.
   */
  private ErrorClassifier classifier(Credential credential, boolean attempt) {
    if (!attempt) {
      return errors.redacting(credential);
    }
    Redacting last = lastAttempt;
    if (last != null && last.credential() == credential) {
      return last.errors();
    }
    ErrorClassifier made = errors.withoutStackTraces().redacting(credential);
    lastAttempt = new Redacting(credential, made);
    return made;
  }

  /** A credential and the attempt classifier that removes its secret. */
  private record Redacting(Credential credential, ErrorClassifier errors) {}
}
