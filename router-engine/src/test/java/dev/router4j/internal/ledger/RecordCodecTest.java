package dev.router4j.internal.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.router4j.api.cost.GenerationRecord;
import dev.router4j.ledger.LedgerExport;
import dev.router4j.ledger.LedgerFixtures;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV and JSON forms of records, and their edge cases. */
class RecordCodecTest {

  private static List<RecordCsv.Field> row(String csv) throws Exception {
    return new RecordCsv.CsvParser(new StringReader(csv)).row();
  }

  @Test
  void csvFieldsAreQuotedOnlyWhenNeeded() throws Exception {
    StringWriter out = new StringWriter();
    for (String s : new String[] {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", null}) {
      RecordCsv.field(out, s);
      out.write('|');
    }
    assertThat(out.toString())
        .isEqualTo("plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\rhere\"|\"\"||");
  }

  @Test
  void csvParserFollowsRfc4180() throws Exception {
    List<RecordCsv.Field> r = row("a,\"b,c\",\"d \"\"e\"\"\",,\"\",\"x\r\ny\"\r\nnext");
    assertThat(r).extracting(RecordCsv.Field::value)
        .containsExactly("a", "b,c", "d \"e\"", null, "", "x\r\ny");
    assertThat(r.get(4).quoted()).isTrue();
    assertThat(r.get(3).quoted()).isFalse();
    RecordCsv.CsvParser p = new RecordCsv.CsvParser(new StringReader("a,b\nc,d\n"));
    assertThat(p.row()).extracting(RecordCsv.Field::value).containsExactly("a", "b");
    assertThat(p.row()).extracting(RecordCsv.Field::value).containsExactly("c", "d");
    assertThat(p.row()).isNull();
  }

  @Test
  void malformedCsvIsRefusedWithTheLine() {
    String header = String.join(",", LedgerExport.csvColumns()) + "\r\n";
    assertThatThrownBy(() -> LedgerExport.readCsv(new StringReader(header + "x,\"open")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2")
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> LedgerExport.readCsv(new StringReader(header + "a,b,c\r\n")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2: 3 fields");
    assertThatThrownBy(() -> LedgerExport.readCsv(new StringReader("foo,bar\r\n1,2\r\n")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no 'id' column");
    assertThat(LedgerExport.readCsv(new StringReader(""))).isEmpty();
  }

  @Test
  void csvColumnsMayComeInAnyOrder() {
    GenerationRecord r = LedgerFixtures.simple("any-order", LedgerFixtures.T0, "m", "0.25");
    String csv = "model,total_cost,cost_prompt,created_at,id,unknown_column\r\n"
        + "m,0.25,0.25," + LedgerFixtures.T0 + ",any-order,ignored\r\n";
    GenerationRecord back = LedgerExport.readCsv(new StringReader(csv)).get(0);
    assertThat(back.id()).isEqualTo("any-order");
    assertThat(back.totalCost()).isEqualTo(r.totalCost());
  }

  @Test
  void jsonKeepsEveryFieldAndIgnoresUnknownOnes() {
    GenerationRecord r = LedgerFixtures.full("json-1");
    String json = RecordJson.toJson(r);
    assertThat(json).doesNotContain("\n");
    assertThat(json).contains("\"created_at\":\"2025-03-14T09:26:53.589793238Z\"",
        "\"latency_ms\":840.123456", "\"time_to_first_token_ms\":210",
        "\"key_label\":\"azure-prod-1\"", "\"outcome\":\"FELL_BACK\"",
        "\"platform_fee\":\"0.0000006789012\"");
    assertThat(RecordJson.fromJson(json)).isEqualTo(r);
    String extended = json.substring(0, json.length() - 1) + ",\"a_later_field\":{\"x\":[1,2]}}";
    assertThat(RecordJson.fromJson(extended)).isEqualTo(r);
  }

  @Test
  void badJsonIsRefused() {
    assertThatThrownBy(() -> RecordJson.fromJson("{\"id\":\"x\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createdAt");
    assertThatThrownBy(() -> RecordJson.fromJson("{\"id\":\"x\",\"created_at\":\"yesterday\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an instant");
    assertThatThrownBy(() -> LedgerExport.readJsonLines(new StringReader("\n{nope")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
  }

  @Test
  void millisecondsAreExactToTheNanosecond() {
    assertThat(RecordJson.millis(Duration.ofNanos(1)).toPlainString()).isEqualTo("0.000001");
    assertThat(RecordJson.millis(Duration.ofSeconds(3)).toPlainString()).isEqualTo("3000");
    assertThat(RecordJson.millis(Duration.ofNanos(1_500_000)).toPlainString()).isEqualTo("1.5");
    assertThat(RecordJson.fromMillis("840.123456")).isEqualTo(Duration.ofNanos(840_123_456));
    assertThat(RecordJson.fromMillis("3000")).isEqualTo(Duration.ofSeconds(3));
  }
}
