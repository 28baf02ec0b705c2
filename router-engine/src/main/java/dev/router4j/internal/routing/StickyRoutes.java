package dev.router4j.internal.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.Message;
import dev.router4j.api.Role;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.spi.Ticker;
import java.time.Duration;

/**
 * Keeps a conversation on the endpoint that served it, so that its prompt cache is hit again:
 * keyed by model and {@code session_id}, or by a hash of the conversation's first system and
 * first other message; only for endpoints whose cache reads are cheaper than their prompt
 * tokens; forgotten after ten idle minutes. An explicit {@code order} turns it off.
 */
public final class StickyRoutes {
  /** How long an idle conversation keeps its endpoint. */
  public static final Duration IDLE = Duration.ofMinutes(10);

  private final Cache<String, String> endpointByConversation;

  /** Sticky routes timed by the ticker, holding at most {@code maxConversations}. */
  public StickyRoutes(Ticker ticker, long maxConversations) {
    this.endpointByConversation = Caffeine.newBuilder()
        .expireAfterAccess(IDLE)
        .maximumSize(maxConversations)
        .ticker(ticker::read)
        .executor(Runnable::run)
        .build();
  }

  /** The endpoint id this conversation stuck to for the model, or null. */
  public String endpointFor(String model, ChatRequest request) {
    if (endpointByConversation.estimatedSize() == 0) {
      return null; // the common case costs no hashing
    }
    return endpointByConversation.getIfPresent(key(model, request));
  }

  /** Remembers the endpoint that served the conversation, when caching makes it worth it. */
  public void served(String model, ChatRequest request, String endpointId, Pricing pricing) {
    if (request.provider() != null && request.provider().order() != null) {
      return;
    }
    if (pricing.inputCacheRead() == null || pricing.inputCacheRead().compareTo(pricing.prompt()) >= 0) {
      return;
    }
    endpointByConversation.put(key(model, request), endpointId);
  }

  static String key(String model, ChatRequest r) {
    if (r.sessionId() != null) {
      return model + "|s|" + r.sessionId();
    }
    String system = null;
    String first = null;
    for (Message m : r.messages()) {
      if ((m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) && system == null) {
        system = m.text();
      } else if (m.role() != Role.SYSTEM && m.role() != Role.DEVELOPER && first == null) {
        first = m.text();
      }
      if (system != null && first != null) {
        break;
      }
    }
    return model + "|h|" + Long.toHexString(fnv(system, fnv(first, 0xcbf29ce484222325L)));
  }

  private static long fnv(String s, long h) {
    if (s == null) {
      return h * 0x100000001b3L;
    }
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h ^ s.length();
  }
}
