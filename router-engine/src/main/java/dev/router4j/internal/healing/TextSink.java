package dev.router4j.internal.healing;

import java.util.Arrays;

/** Writes the healed document as compact JSON text in one forward pass. */
final class TextSink implements JsonSink {
  private final StringBuilder out;
  private boolean[] hasMembers = new boolean[8];
  private int depth;
  private boolean afterKey;
  private boolean wrapped;
  private boolean lastClosedHadMembers;

  TextSink(int capacityHint) {
    out = new StringBuilder(Math.max(16, capacityHint));
  }

  private void beforeValue() {
    if (afterKey) {
      afterKey = false;
      return;
    }
    if (depth == 0) {
      return;
    }
    if (hasMembers[depth]) {
      out.append(',');
    } else {
      hasMembers[depth] = true;
    }
  }

  private void push() {
    depth++;
    if (depth == hasMembers.length) {
      hasMembers = Arrays.copyOf(hasMembers, depth * 2);
    }
    hasMembers[depth] = false;
  }

  @Override
  public void startObject(int offset) {
    beforeValue();
    out.append('{');
    push();
  }

  @Override
  public void startArray(int offset) {
    beforeValue();
    out.append('[');
    push();
  }

  @Override
  public void key(CharSequence key, int offset) {
    beforeValue();
    JsonWriter.quote(key, out);
    out.append(':');
    afterKey = true;
  }

  @Override
  public void endObject(boolean cut) {
    out.append('}');
    lastClosedHadMembers = hasMembers[depth];
    depth--;
  }

  @Override
  public void endArray(boolean cut) {
    out.append(']');
    lastClosedHadMembers = hasMembers[depth];
    depth--;
  }

  @Override
  public void string(CharSequence value, int offset, boolean cut) {
    beforeValue();
    JsonWriter.quote(value, out);
  }

  @Override
  public void number(String json, String raw, int offset, boolean cut) {
    beforeValue();
    out.append(json);
  }

  @Override
  public void strictNumber(String s, int from, int to, boolean cut) {
    beforeValue();
    out.append(s, from, to);
  }

  @Override
  public void looseNumber(String raw, String numeric, int offset) {
    beforeValue();
    JsonWriter.quote(raw, out);
  }

  @Override
  public void literal(int which, int offset) {
    beforeValue();
    out.append(which == 1 ? "true" : which == 2 ? "false" : "null");
  }

  @Override
  public void nextRoot() {
    if (!wrapped) {
      out.insert(0, '[');
      wrapped = true;
    }
    out.append(',');
  }

  @Override
  public void reopen() {
    out.setLength(out.length() - 1);
    push();
    hasMembers[depth] = lastClosedHadMembers;
  }

  String result() {
    if (wrapped) {
      out.append(']');
      wrapped = false;
    }
    return out.toString();
  }
}
