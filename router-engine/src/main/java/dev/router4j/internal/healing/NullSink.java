package dev.router4j.internal.healing;

/** A sink that keeps nothing, for trial parses. */
final class NullSink implements JsonSink {
  static final NullSink INSTANCE = new NullSink();

  @Override
  public void startObject(int offset) {}

  @Override
  public void startArray(int offset) {}

  @Override
  public void key(CharSequence key, int offset) {}

  @Override
  public void endObject(boolean cut) {}

  @Override
  public void endArray(boolean cut) {}

  @Override
  public void string(CharSequence value, int offset, boolean cut) {}

  @Override
  public void number(String json, String raw, int offset, boolean cut) {}

  @Override
  public void strictNumber(String s, int from, int to, boolean cut) {}

  @Override
  public void looseNumber(String raw, String numeric, int offset) {}

  @Override
  public void literal(int which, int offset) {}

  @Override
  public void nextRoot() {}

  @Override
  public void reopen() {}
}
