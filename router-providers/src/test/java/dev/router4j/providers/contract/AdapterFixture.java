package dev.router4j.providers.contract;

import dev.router4j.api.catalog.Endpoint;
import dev.router4j.api.spi.Provider;
import java.util.List;
import java.util.Map;

/**
 * What the contract suite needs to know of one wire protocol: how to build its provider
 * against a mock server, and how that protocol's replies and requests look. The suite
 * scripts the same conversation for every adapter through it.
 */
interface AdapterFixture {
  /** A short name for test reports. */
  String name();

  /** A key of the shape this provider's keys have (so that redaction is tested for real). */
  String key();

  /** The provider, calling {@code baseUrl} with {@link #key()}. */
  Provider provider(String baseUrl);

  /** An endpoint of this provider for a chat model. */
  Endpoint endpoint();

  /** A complete, non-streamed answer with this text and these token counts. */
  String chatReply(String text, int promptTokens, int completionTokens);

  /** A non-streamed answer that calls one function. */
  String toolCallReply(String callId, String name, String argumentsJson);

  /** A complete event stream whose text pieces join to the answer, usage at its end. */
  String stream(List<String> pieces, int promptTokens, int completionTokens);

  /** The start of an event stream carrying these pieces, without the events that end it. */
  String streamHead(List<String> pieces);

  /** The protocol's error document for an HTTP status, with this message. */
  String errorBody(int status, String message);

  /** The names of the functions a request body offers. */
  List<String> toolNames(Map<String, Object> body);

  /**
   * Whether a request body carries the result of the call: by id where the protocol has ids,
   * by function name where it does not.
   */
  boolean carriesToolResult(Map<String, Object> body, String callId, String name, String result);
}
