package dev.router4j.benchmarks;

import dev.router4j.healing.JsonHealer;
import dev.router4j.healing.PartialJsonReader;
import dev.router4j.healing.UnrecoverableOutputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inputs of the healing benchmarks, built the same way for JMH and for the jsonrepair
 * comparison: the 84-case sample, a document full of repairs and a strictly valid one, each at
 * about 2 KB and 200 KB.
 *
 * <p>{@code main(dir)} writes them to {@code dir} for the Node script in
 * {@code benchmarks/jsonrepair}: one {@code NAME.json} per input, a JSON array of the texts,
 * and {@code NAME.healed.json}, this healer's answers ({@code {"value": ...}}, or
 * {@code {"refused": "REASON"}}), for the script to compare jsonrepair's with.
 */
public final class HealingInputs {
  /** The input names, as the benchmarks' {@code @Param} values. */
  public static final List<String> NAMES =
      List.of("sample", "repairs-2k", "repairs-200k", "valid-2k", "valid-200k");

  private static final int SMALL = 2_000;
  private static final int LARGE = 200_000;

  private HealingInputs() {}

  /** The texts one operation heals: the 84 sample inputs, or one document. */
  public static String[] texts(String name) {
    switch (name) {
      case "sample":
        return sample().toArray(new String[0]);
      case "repairs-2k":
        return new String[] {repairs(SMALL)};
      case "repairs-200k":
        return new String[] {repairs(LARGE)};
      case "valid-2k":
        return new String[] {valid(SMALL)};
      case "valid-200k":
        return new String[] {valid(LARGE)};
      default:
        throw new IllegalArgumentException("unknown input " + name + "; known: " + NAMES);
    }
  }

  /** UTF-8 bytes of the texts one operation heals: what MB/s counts. */
  public static long utf8Bytes(String[] texts) {
    long n = 0;
    for (String t : texts) {
      n += t.getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }

  /** The inputs of the healing sample corpus, in file order. */
  public static List<String> sample() {
    InputStream in = HealingInputs.class.getResourceAsStream("/healing/sample.jsonl");
    if (in == null) {
      throw new IllegalStateException("healing/sample.jsonl is missing from the class path");
    }
    List<String> inputs = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          Map<?, ?> c = (Map<?, ?>) new PartialJsonReader().feed(line).value();
          inputs.add((String) c.get("input"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inputs;
  }

  /**
   * An array of records, each with two trailing commas, single-quoted keys and strings,
   * unquoted keys, a line comment and a block comment: about 12 repairs per 100 characters.
   */
  public static String repairs(int minChars) {
    StringBuilder sb = new StringBuilder("// inventory, as the model wrote it\n[\n");
    for (int i = 0; sb.length() < minChars; i++) {
      sb.append("  // item ").append(i).append('\n')
          .append("  {id: ").append(i)
          .append(", 'name': 'widget ").append(i)
          .append("', \"tags\": ['red', 'blue',], /* size in cm */ \"size\": ")
          .append(i % 100).append('.').append(i % 7)
          .append(", in_stock: ").append(i % 3 == 0)
          .append(",},\n");
    }
    return sb.append("]\n").toString();
  }

  /** The same records as {@link #repairs(int)}, as strictly valid JSON. */
  public static String valid(int minChars) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; sb.length() < minChars; i++) {
      sb.append(i == 0 ? "" : ",\n")
          .append("  {\"id\": ").append(i)
          .append(", \"name\": \"widget ").append(i)
          .append("\", \"tags\": [\"red\", \"blue\"], \"size\": ")
          .append(i % 100).append('.').append(i % 7)
          .append(", \"in_stock\": ").append(i % 3 == 0)
          .append('}');
    }
    return sb.append("\n]\n").toString();
  }

  /**
   * Writes every input and this healer's answers to a directory, for the jsonrepair script.
   *
   * @param args the directory (default {@code benchmarks/target/healing-inputs})
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/healing-inputs");
    Files.createDirectories(dir);
    JsonHealer healer = JsonHealer.create();
    for (String name : NAMES) {
      String[] texts = texts(name);
      StringBuilder inputs = new StringBuilder("[");
      StringBuilder healed = new StringBuilder("[");
      for (int i = 0; i < texts.length; i++) {
        inputs.append(i == 0 ? "\n" : ",\n").append(quote(texts[i]));
        String answer;
        try {
          answer = "{\"value\": " + healer.heal(texts[i]).json() + "}";
        } catch (UnrecoverableOutputException e) {
          answer = "{\"refused\": \"" + e.reason() + "\"}";
        }
        healed.append(i == 0 ? "\n" : ",\n").append(answer);
      }
      Files.writeString(dir.resolve(name + ".json"), inputs.append("\n]\n"), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(name + ".healed.json"), healed.append("\n]\n"), StandardCharsets.UTF_8);
      System.out.printf("%-14s %3d text(s) %,9d bytes%n", name, texts.length, utf8Bytes(texts));
    }
    System.out.println("wrote " + dir.toAbsolutePath());
  }

  /** A JSON string literal of {@code s}. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }
}
