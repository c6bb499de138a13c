package dev.pcopy.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link DeleteBudget}: replacements take whole, or not at all, from {@code --max-delete}, and
 * the deletions at the end get what is left.
 */
class DeleteBudgetTest {
  @Test
  void aLimit_takesWhatFits_refusesWhatWouldPassIt_andLeavesTheRest() {
    DeleteBudget budget = new DeleteBudget(5);

    assertTrue(budget.take(3));
    assertFalse(budget.take(3), "6 entries would pass 5");
    assertTrue(budget.take(2));
    assertFalse(budget.take(1));

    assertEquals(5, budget.taken());
    assertEquals(0, budget.remaining());
  }

  @Test
  void noLimit_takesEverything_andLeavesNoLimit() {
    DeleteBudget budget = new DeleteBudget(-1);

    assertTrue(budget.take(1_000_000));

    assertEquals(1_000_000, budget.taken());
    assertEquals(-1, budget.remaining());
  }
}
