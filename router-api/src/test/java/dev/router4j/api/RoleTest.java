package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void everyRoleRoundTripsThroughItsWireName() {
    for (Role r : Role.values()) {
      assertThat(Role.fromWire(r.wireName())).isEqualTo(r);
    }
    assertThat(Role.DEVELOPER.wireName()).isEqualTo("developer");
  }

  @Test
  void anUnknownRoleIsRejectedListingTheKnownOnes() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> Role.fromWire("function"));
    assertThat(e.field()).isEqualTo("role");
    assertThat(e.getMessage()).isEqualTo("role: unknown role 'function' "
        + "(expected system, developer, user, assistant or tool)");
  }
}
