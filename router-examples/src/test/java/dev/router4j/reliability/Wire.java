package dev.router4j.reliability;

import dev.router4j.api.ChatRequest;
import dev.router4j.api.catalog.Pricing;
import dev.router4j.api.routing.Sort;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;

/** Canned OpenAI Chat Completions replies and the request every fault case sends. */
final class Wire {
  private Wire() {}

  /** The model every fault case asks for. */
  static final String MODEL = "acme/m";
  /** $1/M prompt, $4/M completion: the 100 + 50 token reply costs $0.0003. */
  static final Pricing CHEAP = Pricing.perMillion("1", "4");
  /** $2/M prompt, $4/M completion: the 100 + 50 token reply costs $0.0004. */
  static final Pricing DEAR = Pricing.perMillion("2", "4");

  /** A complete answer: "Seine, Loire, Rhone." with 100 prompt and 50 completion tokens. */
  static final String REPLY = reply("fast-1");

  static String reply(String model) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,"
        + "\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"Seine, Loire, Rhone.\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,\"total_tokens\":150}}";
  }

  /** Cheapest first, so the cases know which host is asked first. */
  static ChatRequest ask() {
    return ChatRequest.builder().model(MODEL).user("Name three rivers in France.")
        .provider(p -> p.sort(Sort.PRICE)).build();
  }

  static MockResponse ok() {
    return json(200, REPLY);
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(body).build();
  }

  /** A 429 with the given Retry-After header value, or none when null. */
  static MockResponse tooMany(String retryAfter) {
    MockResponse.Builder b = new MockResponse.Builder().code(429)
        .addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
            + "\"code\":\"rate_limit_exceeded\"}}");
    if (retryAfter != null) {
      b.addHeader("Retry-After", retryAfter);
    }
    return b.build();
  }

  static MockResponse status(int code) {
    return json(code, "{\"error\":{\"message\":\"the service is busy\",\"type\":\"server_error\"}}");
  }

  /** A reply whose body arrives {@code bytes} bytes every {@code periodMillis}. */
  static MockResponse trickle(String body, long bytes, long periodMillis) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(body).throttleBody(bytes, periodMillis, TimeUnit.MILLISECONDS).build();
  }

  static final String NGINX_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
      + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n"
      + "</body>\r\n</html>\r\n";

  // ---- streams ------------------------------------------------------------------------------

  static String chunk(String delta, String finish) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast-1\","
        + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
  }

  static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", null);

  static String content(String text) {
    return chunk("{\"content\":\"" + text + "\"}", null);
  }

  /** The end of a stream: finish reason, usage (10 + 4 tokens) and [DONE]. */
  static final String END = chunk("{}", "stop")
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast-1\","
      + "\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4,\"total_tokens\":14}}\n\n"
      + "data: [DONE]\n\n";

  /** A whole stream: "Seine, Loire." */
  static final String STREAM = ROLE + content("Seine, ") + content("Loire.") + END;
}
