package dev.router4j.internal.healing;

import java.util.ArrayList;

/** Builds a {@link JNode} tree of the healed document, for schema-guided repair. */
final class TreeSink implements JsonSink {
  private final ArrayList<JNode> stack = new ArrayList<>();
  private final ArrayList<JNode> roots = new ArrayList<>();

  private void add(JNode v) {
    if (stack.isEmpty()) {
      roots.add(v);
      return;
    }
    JNode top = stack.get(stack.size() - 1);
    if (top.kind == JNode.Kind.OBJECT) {
      top.keys.add(top.pendingKey == null ? "" : top.pendingKey);
      top.pendingKey = null;
    }
    top.children.add(v);
  }

  @Override
  public void startObject(int offset) {
    JNode n = new JNode(JNode.Kind.OBJECT);
    n.offset = offset;
    add(n);
    stack.add(n);
  }

  @Override
  public void startArray(int offset) {
    JNode n = new JNode(JNode.Kind.ARRAY);
    n.offset = offset;
    add(n);
    stack.add(n);
  }

  @Override
  public void key(CharSequence key, int offset) {
    stack.get(stack.size() - 1).pendingKey = key.toString();
  }

  @Override
  public void endObject(boolean cut) {
    stack.remove(stack.size() - 1).cut = cut;
  }

  @Override
  public void endArray(boolean cut) {
    stack.remove(stack.size() - 1).cut = cut;
  }

  @Override
  public void string(CharSequence value, int offset, boolean cut) {
    JNode n = JNode.string(value.toString(), offset);
    n.cut = cut;
    add(n);
  }

  @Override
  public void number(String json, String raw, int offset, boolean cut) {
    JNode n = JNode.number(json, raw, offset);
    n.cut = cut;
    add(n);
  }

  @Override
  public void looseNumber(String raw, String numeric, int offset) {
    JNode n = new JNode(JNode.Kind.LOOSE_NUMBER);
    n.text = numeric;
    n.raw = raw;
    n.offset = offset;
    add(n);
  }

  @Override
  public void literal(int which, int offset) {
    JNode n = new JNode(which == 1 ? JNode.Kind.TRUE : which == 2 ? JNode.Kind.FALSE : JNode.Kind.NULL);
    n.offset = offset;
    add(n);
  }

  @Override
  public void nextRoot() {}

  @Override
  public void reopen() {
    JNode last = roots.get(roots.size() - 1);
    last.cut = false;
    stack.add(last);
  }

  JNode result() {
    if (roots.size() == 1) {
      return roots.get(0);
    }
    return JNode.array(roots, roots.isEmpty() ? 0 : roots.get(0).offset);
  }
}
