package dev.router4j.examples;

import dev.router4j.Router;
import dev.router4j.api.ChatRequest;
import dev.router4j.api.error.BudgetExceededException;
import dev.router4j.api.routing.ProviderPreferences;
import dev.router4j.api.routing.Sort;
import dev.router4j.ledger.UsageRow;
import dev.router4j.workspace.BudgetPeriod;
import dev.router4j.workspace.Guardrails;
import dev.router4j.workspace.SpendCap;
import dev.router4j.workspace.Workspace;

/**
 * Workspaces and budgets. A workspace is a tenant (a team, a product, an environment) with its
 * own default model, provider preferences, guardrails and spend caps. Calls made through
 * {@code router.workspace("team")} are charged to it; before each attempt the router reserves
 * its worst-case cost, and the call that could cross the cap is refused before it leaves the
 * JVM, with a {@code BudgetExceededException}. The ledger then says who spent what.
 */
public final class BudgetsAndWorkspacesExample {
  private BudgetsAndWorkspacesExample() {}

  /** Spends a small daily cap. */
  public static void main(String[] args) {
    Workspace team = Workspace.builder("team")
        .defaultModel("openai/gpt-4.1-mini")
        .defaultProvider(ProviderPreferences.builder().sort(Sort.PRICE).build())
        .guardrails(Guardrails.builder().blockedModels("*:free").build())
        .spendCap(SpendCap.workspace(BudgetPeriod.DAY, "0.0003"))
        .build();
    try (Hosts hosts = Hosts.start("openai/gpt-4.1-mini");
         Router router = hosts.router().workspace(team)
             .spendListener(a -> System.out.println("  alert: " + a.capName() + " at " + a.percent() + "%"))
             .build()) {
      Router teamRouter = router.workspace("team");
      ChatRequest ask = ChatRequest.builder() // no model: the workspace's default
          .user("A fun fact about the Loire, in one line.").maxTokens(40).build();
      try {
        for (int i = 1; i <= 20; i++) {
          System.out.println("call " + i + ": " + teamRouter.chat(ask).cost());
        }
      } catch (BudgetExceededException e) {
        System.out.println("refused before it left the JVM, cap: " + e.cap());
      }
      UsageRow spent = router.usage().workspace("team").totals();
      System.out.println("workspace team: " + spent.requests() + " requests, $"
          + spent.cost().toPlainString());
    }
  }
}
