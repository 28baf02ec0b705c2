package dev.router4j.api.catalog;

/**
 * What an endpoint's provider does with prompts.
 *
 * @param retainsPrompts whether prompts are stored
 * @param retentionDays how long, when known, else null
 * @param trainsOnData whether prompts may be used for training
 * @param zeroDataRetention whether the endpoint is zero-data-retention
 */
public record DataPolicy(
    boolean retainsPrompts, Integer retentionDays, boolean trainsOnData, boolean zeroDataRetention) {

  /** Neither stores nor trains; zero retention. */
  public static final DataPolicy ZDR = new DataPolicy(false, null, false, true);
  /** Unknown: assume prompts are retained (the cautious reading). */
  public static final DataPolicy UNKNOWN = new DataPolicy(true, null, false, false);

  /** Whether the endpoint collects data, i.e. fails {@code data_collection: deny}. */
  public boolean collectsData() {
    return retainsPrompts || trainsOnData;
  }
}
