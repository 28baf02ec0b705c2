package dev.router4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.router4j.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentPartTest {

  @Test
  void imageBase64BuildsADataUrlWhoseMimeTypeAndDataCanBeReadBack() {
    ContentPart.Image img = ContentPart.imageBase64("image/png", "iVBORw0KGgo=");
    assertThat(img.url()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
    assertThat(img.isBase64()).isTrue();
    assertThat(img.mimeType()).isEqualTo("image/png");
    assertThat(img.base64Data()).isEqualTo("iVBORw0KGgo=");
    assertThat(img.type()).isEqualTo("image_url");
  }

  @Test
  void aLinkHasNoMimeTypeOrBase64Data() {
    ContentPart.Image img = ContentPart.imageUrl("https://example.com/cat.png");
    assertThat(img.isBase64()).isFalse();
    assertThat(img.mimeType()).isNull();
    assertThat(img.base64Data()).isNull();
    assertThat(img.detail()).isNull();
  }

  @Test
  void aDataUrlWithoutBase64MarkerStillYieldsItsMimeTypeAndPayload() {
    ContentPart.Image img = ContentPart.imageUrl("data:image/svg+xml,<svg/>");
    assertThat(img.mimeType()).isEqualTo("image/svg+xml");
    assertThat(img.base64Data()).isEqualTo("<svg/>");
    ContentPart.Image noMime = ContentPart.imageUrl("data:,abc");
    assertThat(noMime.mimeType()).isNull();
    assertThat(noMime.base64Data()).isEqualTo("abc");
  }

  @Test
  void imageBase64RequiresMimeTypeAndData() {
    InvalidRequestException noMime = catchThrowableOfType(InvalidRequestException.class,
        () -> ContentPart.imageBase64(null, "AAAA"));
    assertThat(noMime.field()).isEqualTo("image_url.mime_type");
    assertThat(noMime.getMessage()).isEqualTo("image_url.mime_type: is required");
    InvalidRequestException noData = catchThrowableOfType(InvalidRequestException.class,
        () -> ContentPart.imageBase64("image/png", null));
    assertThat(noData.field()).isEqualTo("image_url.data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "low", "high"})
  void imageDetailAcceptsAutoLowAndHigh(String detail) {
    assertThat(ContentPart.imageUrl("https://x/a.png").withDetail(detail).detail())
        .isEqualTo(detail);
  }

  @ParameterizedTest
  @ValueSource(strings = {"medium", "HIGH", "", "original"})
  void aBadImageDetailIsRejectedNamingTheAllowedValues(String detail) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new ContentPart.Image("https://x/a.png", detail));
    assertThat(e.field()).isEqualTo("image_url.detail");
    assertThat(e.getMessage())
        .isEqualTo("image_url.detail: must be auto, low or high, was \"" + detail + "\"");
  }

  @Test
  void anImageNeedsAUrl() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ContentPart.imageUrl(null));
    assertThat(e.field()).isEqualTo("image_url.url");
  }

  @Test
  void aTextPartNeedsText() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ContentPart.text(null));
    assertThat(e.field()).isEqualTo("text");
    assertThat(e.getMessage()).isEqualTo("text: is required");
  }

  @Test
  void aFileNeedsDataOrAnId() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> new ContentPart.File("a.pdf", null, null));
    assertThat(e.field()).isEqualTo("file");
    assertThat(e.getMessage()).isEqualTo("file: needs file_data or file_id");
    assertThat(new ContentPart.File(null, null, "file-1").type()).isEqualTo("file");
  }

  @Test
  void audioNeedsDataAndFormat() {
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new ContentPart.Audio(null, "wav")).field()).isEqualTo("input_audio.data");
    assertThat(catchThrowableOfType(InvalidRequestException.class,
        () -> new ContentPart.Audio("AAAA", null)).field()).isEqualTo("input_audio.format");
  }
}
