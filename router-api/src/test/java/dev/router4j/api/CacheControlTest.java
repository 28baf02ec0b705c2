package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class CacheControlTest {

  @Test
  void ephemeralAcceptsFiveMinutesOneHourOrTheDefault() {
    assertThat(CacheControl.ephemeral("5m").ttl()).isEqualTo("5m");
    assertThat(CacheControl.ephemeral("1h").ttl()).isEqualTo("1h");
    assertThat(CacheControl.EPHEMERAL).isEqualTo(new CacheControl("ephemeral", null));
  }

  @Test
  void aBadTtlIsRejectedNamingTheAllowedValues() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> CacheControl.ephemeral("10m"));
    assertThat(e.field()).isEqualTo("cache_control.ttl");
    assertThat(e.getMessage()).isEqualTo("cache_control.ttl: must be \"5m\" or \"1h\", was \"10m\"");
  }

  @Test
  void theTypeIsRequired() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new CacheControl(null, "5m"));
    assertThat(e.field()).isEqualTo("cache_control.type");
  }
}
