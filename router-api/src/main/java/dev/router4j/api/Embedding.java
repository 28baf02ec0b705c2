package dev.router4j.api;

import java.util.Arrays;

/**
 * One embedding vector.
 *
 * @param index the position of its text in the request
 * @param vector the vector; the array is copied in and out
 */
public record Embedding(int index, float[] vector) {
  /** Copies the vector. */
  public Embedding {
    vector = vector.clone();
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }

  /** The vector's size. */
  public int dimensions() {
    return vector.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e && e.index == index && Arrays.equals(e.vector, vector);
  }

  @Override
  public int hashCode() {
    return 31 * index + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Embedding[index=" + index + ", dimensions=" + vector.length + "]";
  }
}
