package dev.router4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The leak check of {@link Rig} fails when something does leak (else it would prove nothing). */
class RigSelfTest {

  @Test
  void anUnclosedResponseBodyIsALeak() throws Exception {
    Rig rig = new Rig();
    rig.patienceMillis = 300;
    MockWebServer host = rig.mock();
    host.enqueue(Wire.ok());
    Response leaked = rig.client.newCall(new Request.Builder().url(host.url("/")).build()).execute();
    assertThat(leaked.code()).isEqualTo(200);
    assertThatThrownBy(rig::close).isInstanceOf(AssertionError.class)
        .hasMessageContaining("connections still in use");
    leaked.close();
  }

  @Test
  void aThreadLeftRunningIsALeak() {
    Rig rig = new Rig();
    rig.patienceMillis = 300;
    CountDownLatch release = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "leaky-worker");
    t.setDaemon(true);
    t.start();
    try {
      assertThatThrownBy(rig::close).isInstanceOf(AssertionError.class)
          .hasMessageContaining("leaky-worker");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aCleanCaseIsNotALeak() throws Exception {
    try (Rig rig = new Rig()) {
      MockWebServer host = rig.mock();
      host.enqueue(Wire.ok());
      try (Response r = rig.client.newCall(new Request.Builder().url(host.url("/")).build()).execute()) {
        assertThat(r.body().string()).contains("Seine");
      }
    }
  }
}
