package dev.router4j.providers.internal.openai;

import dev.router4j.api.catalog.Endpoint;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where an endpoint's calls go, and the model name they carry: under one API root for every
 * OpenAI-compatible host ({@code {base}/chat/completions}, {@code {base}/embeddings}), or per
 * deployment for Azure OpenAI. Implementations are immutable and thread-safe.
 */
public interface OpenAiRoutes {
  /** The Chat Completions URL for the endpoint. */
  HttpUrl chat(Endpoint endpoint);

  /** The embeddings URL for the endpoint. */
  HttpUrl embeddings(Endpoint endpoint);

  /** The {@code model} value of the body. */
  String wireModel(Endpoint endpoint);

  /** Every endpoint under one API root; the body names the endpoint's upstream model. */
  static OpenAiRoutes under(HttpUrl baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    HttpUrl chat = baseUrl.newBuilder().addPathSegments("chat/completions").build();
    HttpUrl embeddings = baseUrl.newBuilder().addPathSegment("embeddings").build();
    return new OpenAiRoutes() {
      @Override
      public HttpUrl chat(Endpoint endpoint) {
        return chat;
      }

      @Override
      public HttpUrl embeddings(Endpoint endpoint) {
        return embeddings;
      }

      @Override
      public String wireModel(Endpoint endpoint) {
        return endpoint.upstreamModel();
      }

      @Override
      public String toString() {
        return chat.toString();
      }
    };
  }

  /**
   * Azure OpenAI: {@code {resource}/openai/deployments/{deployment}/chat/completions?api-version=…},
   * or, for the API version {@code v1}, {@code {resource}/openai/v1/chat/completions} with the
   * deployment as the body's model. The deployment is the one mapped to the endpoint's model
   * slug, else the default deployment, else the endpoint's upstream model name (a deployment
   * named after its model).
   *
   * @param resource the resource endpoint, for example {@code https://myres.openai.azure.com}
   * @param deployments catalog model slug to deployment name
   * @param defaultDeployment the deployment for models not mapped, or null
   * @param apiVersion the {@code api-version} query parameter
   */
  static OpenAiRoutes azure(HttpUrl resource, Map<String, String> deployments,
      String defaultDeployment, String apiVersion) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Map<String, String> map = Map.copyOf(deployments);
    boolean v1 = apiVersion.equals("v1");
    // Keep a gateway's path prefix; drop what the caller may have copied of the API path.
    HttpUrl.Builder rb = resource.newBuilder().query(null).encodedPath("/");
    for (String segment : resource.pathSegments()) {
      if (segment.equals("openai")) {
        break;
      }
      if (!segment.isEmpty()) {
        rb.addPathSegment(segment);
      }
    }
    HttpUrl root = rb.addPathSegment("openai").addPathSegment(v1 ? "v1" : "deployments").build();
    return new OpenAiRoutes() {
      private HttpUrl url(Endpoint endpoint, String operation) {
        if (v1) {
          return root.newBuilder().addPathSegments(operation).build();
        }
        return root.newBuilder().addPathSegment(wireModel(endpoint)).addPathSegments(operation)
            .addQueryParameter("api-version", apiVersion).build();
      }

      @Override
      public HttpUrl chat(Endpoint endpoint) {
        return url(endpoint, "chat/completions");
      }

      @Override
      public HttpUrl embeddings(Endpoint endpoint) {
        return url(endpoint, "embeddings");
      }

      @Override
      public String wireModel(Endpoint endpoint) {
        String mapped = map.get(endpoint.model());
        if (mapped != null) {
          return mapped;
        }
        return defaultDeployment != null ? defaultDeployment : endpoint.upstreamModel();
      }

      @Override
      public String toString() {
        return v1 ? root.toString() : root + "/{deployment}?api-version=" + apiVersion;
      }
    };
  }
}
