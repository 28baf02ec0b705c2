package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddingTest {

  @Test
  void theVectorIsCopiedInAndOut() {
    float[] v = {0.1f, 0.2f, 0.3f};
    Embedding e = new Embedding(0, v);
    v[0] = 9f;
    assertThat(e.vector()).containsExactly(0.1f, 0.2f, 0.3f);
    e.vector()[1] = 9f;
    assertThat(e.vector()).containsExactly(0.1f, 0.2f, 0.3f);
    assertThat(e.dimensions()).isEqualTo(3);
  }

  @Test
  void equalityComparesTheVectorsContent() {
    Embedding a = new Embedding(1, new float[] {1f, 2f});
    Embedding b = new Embedding(1, new float[] {1f, 2f});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new Embedding(2, new float[] {1f, 2f}));
    assertThat(a.toString()).isEqualTo("Embedding[index=1, dimensions=2]");
  }
}
